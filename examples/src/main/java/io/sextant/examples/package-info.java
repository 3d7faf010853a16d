/** Runnable examples. */
package io.sextant.examples;
