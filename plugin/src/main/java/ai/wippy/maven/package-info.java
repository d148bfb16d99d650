/** Thin Maven goals over the Wippy runtime. */
package ai.wippy.maven;
