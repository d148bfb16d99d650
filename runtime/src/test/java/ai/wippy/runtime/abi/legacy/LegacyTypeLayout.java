package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitType;
import java.util.List;

/** Size and alignment in linear memory (32-bit pointers), per the spec's alignment/elem_size. */
final class LegacyTypeLayout {

    private LegacyTypeLayout() {
    }

    static int alignment(WitType t) {
        if (LegacyShapes.isRecordLike(t)) {
            int a = 1;
            for (WitType f : LegacyShapes.fieldTypes(t)) {
                a = Math.max(a, alignment(f));
            }
            return a;
        }
        if (LegacyShapes.isVariantLike(t)) {
            return Math.max(discriminantSize(t), maxCaseAlignment(t));
        }
        if (t instanceof WitType.FlagsType f) {
            return Math.min(flagsSize(f), 4);
        }
        // a scalar is aligned to its size; string and list to the 4-byte pointer
        return primitiveSize(t);
    }

    static int size(WitType t) {
        if (LegacyShapes.isRecordLike(t)) {
            long s = 0;
            for (WitType f : LegacyShapes.fieldTypes(t)) {
                s = alignTo(s, alignment(f)) + size(f);
            }
            return checkedSize(alignTo(s, alignment(t)), t);
        }
        if (LegacyShapes.isVariantLike(t)) {
            long s = alignTo(discriminantSize(t), maxCaseAlignment(t));
            long payload = 0;
            for (WitType c : LegacyShapes.caseTypes(t)) {
                if (c != null) {
                    payload = Math.max(payload, size(c));
                }
            }
            return checkedSize(alignTo(s + payload, alignment(t)), t);
        }
        if (t instanceof WitType.FlagsType f) {
            return flagsSize(f);
        }
        if (t instanceof WitType.StringType || t instanceof WitType.ListType) {
            return 8;
        }
        return primitiveSize(t);
    }

    /** Size of a scalar (own and borrow are i32 handles); 4 for string and list pointers. */
    private static int primitiveSize(WitType t) {
        if (t instanceof WitType.Bool || t instanceof WitType.S8 || t instanceof WitType.U8) {
            return 1;
        }
        if (t instanceof WitType.S16 || t instanceof WitType.U16) {
            return 2;
        }
        if (t instanceof WitType.S64 || t instanceof WitType.U64 || t instanceof WitType.F64) {
            return 8;
        }
        return 4;
    }

    /** Byte size of the discriminant: u8 up to 256 cases, u16 up to 65536, else u32. */
    static int discriminantSize(WitType variantLike) {
        int n = LegacyShapes.caseTypes(variantLike).size();
        if (n <= 1 << 8) {
            return 1;
        }
        if (n <= 1 << 16) {
            return 2;
        }
        return 4;
    }

    static int maxCaseAlignment(WitType variantLike) {
        int a = 1;
        for (WitType c : LegacyShapes.caseTypes(variantLike)) {
            if (c != null) {
                a = Math.max(a, alignment(c));
            }
        }
        return a;
    }

    /** Offset of the payload from the start of a variant. */
    static int payloadOffset(WitType variantLike) {
        return (int) alignTo(discriminantSize(variantLike), maxCaseAlignment(variantLike));
    }

    /** Offsets of the fields of a record or tuple from its start. */
    static int[] fieldOffsets(WitType recordLike) {
        List<WitType> fields = LegacyShapes.fieldTypes(recordLike);
        int[] offsets = new int[fields.size()];
        long s = 0;
        for (int i = 0; i < offsets.length; i++) {
            s = alignTo(s, alignment(fields.get(i)));
            offsets[i] = (int) s;
            s += size(fields.get(i));
        }
        return offsets;
    }

    static long alignTo(long ptr, int alignment) {
        return (ptr + alignment - 1) / alignment * alignment;
    }

    private static int flagsSize(WitType.FlagsType f) {
        int n = f.labels().size();
        if (n <= 8) {
            return 1;
        }
        if (n <= 16) {
            return 2;
        }
        return 4 * LegacyShapes.flagWords(f);
    }

    private static int checkedSize(long size, WitType t) {
        // A type this large cannot live in a 32-bit memory; refuse it rather than wrap around.
        if (size > Integer.MAX_VALUE) {
            throw new CanonicalAbiException("type too large for linear memory: " + t);
        }
        return (int) size;
    }
}
