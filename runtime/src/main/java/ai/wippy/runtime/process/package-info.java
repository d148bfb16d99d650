/** The process host as an embedder sees it: pids, spawn requests, results, EXIT events, limits. */
package ai.wippy.runtime.process;
