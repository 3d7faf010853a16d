/** Sextant ivf index, plugged into core through the index SPI. */
module io.sextant.ivf {
  requires io.sextant.core;
}
