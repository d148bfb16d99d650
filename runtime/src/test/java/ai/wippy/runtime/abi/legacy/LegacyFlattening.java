package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The spec's flatten_type / flatten_functype: WIT types as sequences of core values. */
final class LegacyFlattening {

    private LegacyFlattening() {
    }

    static List<CoreType> flatten(WitType t) {
        List<CoreType> out = new ArrayList<>();
        flattenInto(t, out);
        return out;
    }

    static List<CoreType> flattenAll(List<WitType> types) {
        List<CoreType> out = new ArrayList<>();
        for (WitType t : types) {
            flattenInto(t, out);
        }
        return out;
    }

    private static void flattenInto(WitType t, List<CoreType> out) {
        if (LegacyShapes.isRecordLike(t)) {
            for (WitType f : LegacyShapes.fieldTypes(t)) {
                flattenInto(f, out);
            }
        } else if (LegacyShapes.isVariantLike(t)) {
            out.add(CoreType.I32);
            out.addAll(variantPayload(t));
        } else if (t instanceof WitType.StringType || t instanceof WitType.ListType) {
            out.add(CoreType.I32);
            out.add(CoreType.I32);
        } else if (t instanceof WitType.FlagsType f) {
            out.addAll(Collections.nCopies(LegacyShapes.flagWords(f), CoreType.I32));
        } else if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            out.add(CoreType.I64);
        } else if (t instanceof WitType.F32) {
            out.add(CoreType.F32);
        } else if (t instanceof WitType.F64) {
            out.add(CoreType.F64);
        } else {
            // bool, s8..u32, char, own, borrow
            out.add(CoreType.I32);
        }
    }

    /** The joined payload slots of a variant (without the discriminant). */
    static List<CoreType> variantPayload(WitType variantLike) {
        List<CoreType> flat = new ArrayList<>();
        for (WitType c : LegacyShapes.caseTypes(variantLike)) {
            if (c == null) {
                continue;
            }
            List<CoreType> caseFlat = flatten(c);
            for (int i = 0; i < caseFlat.size(); i++) {
                if (i < flat.size()) {
                    flat.set(i, LegacyFlattening.join(flat.get(i), caseFlat.get(i)));
                } else {
                    flat.add(caseFlat.get(i));
                }
            }
        }
        return flat;
    }

    static FlatSignature flattenFunction(WitFunction f, Direction direction) {
        List<CoreType> params = flattenAll(f.paramTypes());
        List<CoreType> results = flattenAll(f.results());
        boolean paramsInMemory = params.size() > LegacyCanonicalAbi.MAX_FLAT_PARAMS;
        boolean resultsInMemory = results.size() > LegacyCanonicalAbi.MAX_FLAT_RESULTS;
        if (paramsInMemory) {
            params = List.of(CoreType.I32);
        }
        if (resultsInMemory) {
            if (direction == Direction.LIFT) {
                results = List.of(CoreType.I32);
            } else {
                params = new ArrayList<>(params);
                params.add(CoreType.I32);
                results = List.of();
            }
        }
        return new FlatSignature(params, results, paramsInMemory, resultsInMemory);
    }

    static CoreType join(CoreType a, CoreType b) {
        if (a == b) {
            return a;
        }
        if ((a == CoreType.I32 && b == CoreType.F32) || (a == CoreType.F32 && b == CoreType.I32)) {
            return CoreType.I32;
        }
        return CoreType.I64;
    }
}
