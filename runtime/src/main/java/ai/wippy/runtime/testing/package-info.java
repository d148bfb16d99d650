/** WASM integration tests: discovery, selection, sharding, expectations, the parallel runner, JUnit XML reports. */
package ai.wippy.runtime.testing;
