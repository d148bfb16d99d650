/** WIT types and the values of SPEC §6.1 that cross the API: records, variants, lists, resources as handles. */
package ai.wippy.runtime.wit;
