/** The NVR: records many cameras through gscam-client, indexes, retains, and serves them back. */
package io.gscam.nvr;
