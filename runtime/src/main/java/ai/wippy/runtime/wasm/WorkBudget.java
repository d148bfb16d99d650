package ai.wippy.runtime.wasm;

/**
 * How much work the runtime's parser and validator may do on one module before {@code check}
 * refuses it as too costly. Honest modules spend a few units per byte of code; the budget is
 * {@link #BASE} plus {@link #PER_CODE_BYTE} per byte of the code section, far above that, so
 * only binaries built to make the validator walk or move values without end reach it.
 */
public final class WorkBudget {

    public static final long BASE = 20_000_000;
    public static final long PER_CODE_BYTE = 32;

    private final long limit;
    private long spent;

    public WorkBudget(long codeBytes) {
        this.limit = BASE + PER_CODE_BYTE * codeBytes;
    }

    public long limit() {
        return limit;
    }

    public long spent() {
        return spent;
    }

    public void spend(long units, long at, String where) {
        spent += units;
        if (spent > limit) {
            throw new MalformedBinaryException(at, where + ": too costly to validate: more than " + limit
                    + " steps of the runtime's validator (branches that walk many blocks, calls and blocks that move"
                    + " many values); this limit guards the build against hostile binaries");
        }
    }
}
