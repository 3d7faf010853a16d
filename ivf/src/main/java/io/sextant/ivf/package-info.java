/** The ivf index type (in progress). */
package io.sextant.ivf;
