package ai.wippy.runtime.fs;

/** Access-pattern hints for {@link ConfinedFile#advise}. */
public enum Advice { NORMAL, SEQUENTIAL, RANDOM, WILL_NEED, DONT_NEED, NO_REUSE }
