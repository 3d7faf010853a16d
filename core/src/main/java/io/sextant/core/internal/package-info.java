/** Implementation details shared by core packages; not exported. */
package io.sextant.core.internal;
