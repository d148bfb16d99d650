package ai.wippy.runtime.abi;

import java.util.List;

/**
 * The core signature of a WIT function. {@code paramsInMemory}: the parameters did not fit in
 * {@link CanonicalAbi#MAX_FLAT_PARAMS} core values and are passed as one pointer to a tuple.
 * {@code resultsInMemory}: the results did not fit in {@link CanonicalAbi#MAX_FLAT_RESULTS}; for
 * {@link Direction#LIFT} the single i32 result is a pointer to them, for {@link Direction#LOWER}
 * the last i32 parameter is the pointer the host writes them to.
 */
public record FlatSignature(List<CoreType> params, List<CoreType> results, boolean paramsInMemory,
                            boolean resultsInMemory) {

    public FlatSignature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }
}
