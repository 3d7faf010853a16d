/** The hnsw index type (in progress). */
package io.sextant.hnsw;
