package ai.wippy.runtime.fs;

/** Where a seek offset counts from. */
public enum Whence { SET, CURRENT, END }
