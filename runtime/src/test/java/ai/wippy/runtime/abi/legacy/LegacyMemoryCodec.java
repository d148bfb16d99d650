package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The spec's load and store: values at a pointer in guest memory. */
final class LegacyMemoryCodec {

    private LegacyMemoryCodec() {
    }

    static Object load(LegacyAbiContext cx, WitType t, long ptr) {
        if (t instanceof WitType.Bool) {
            return cx.readU8(ptr) != 0;
        }
        if (t instanceof WitType.S8 || t instanceof WitType.U8) {
            return LegacyValueModel.liftInteger(t, cx.readU8(ptr));
        }
        if (t instanceof WitType.S16 || t instanceof WitType.U16) {
            return LegacyValueModel.liftInteger(t, cx.readU16(ptr));
        }
        if (t instanceof WitType.S32 || t instanceof WitType.U32) {
            return LegacyValueModel.liftInteger(t, cx.readI32(ptr));
        }
        if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            return LegacyValueModel.liftInteger(t, cx.readI64(ptr));
        }
        if (t instanceof WitType.F32) {
            return LegacyValueModel.liftF32(cx.readI32(ptr));
        }
        if (t instanceof WitType.F64) {
            return LegacyValueModel.liftF64(cx.readI64(ptr));
        }
        if (t instanceof WitType.Char) {
            return LegacyValueModel.liftChar(cx.readI32(ptr));
        }
        if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            return cx.liftHandle(t, cx.readI32(ptr));
        }
        if (t instanceof WitType.StringType) {
            return LegacyStringCodec.load(cx, LegacyAbiContext.unsigned(cx.readI32(ptr)), LegacyAbiContext.unsigned(cx.readI32(ptr + 4)));
        }
        if (t instanceof WitType.ListType list) {
            return loadList(cx, list, LegacyAbiContext.unsigned(cx.readI32(ptr)), LegacyAbiContext.unsigned(cx.readI32(ptr + 4)));
        }
        if (t instanceof WitType.FlagsType flags) {
            return LegacyValueModel.liftFlags(flags, loadFlagWords(cx, flags, ptr));
        }
        if (LegacyShapes.isRecordLike(t)) {
            List<WitType> fields = LegacyShapes.fieldTypes(t);
            int[] offsets = LegacyTypeLayout.fieldOffsets(t);
            List<Object> values = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                values.add(load(cx, fields.get(i), ptr + offsets[i]));
            }
            return LegacyValueModel.recordValue(t, values);
        }
        // variant, enum, option, result
        List<WitType> cases = LegacyShapes.caseTypes(t);
        long index = switch (LegacyTypeLayout.discriminantSize(t)) {
            case 1 -> cx.readU8(ptr);
            case 2 -> cx.readU16(ptr);
            default -> LegacyAbiContext.unsigned(cx.readI32(ptr));
        };
        if (index >= cases.size()) {
            throw new CanonicalAbiException("invalid discriminant " + index + " for " + t + " (" + cases.size() + " cases)");
        }
        WitType caseType = cases.get((int) index);
        Object payload = caseType == null ? null : load(cx, caseType, ptr + LegacyTypeLayout.payloadOffset(t));
        return LegacyValueModel.variantValue(t, (int) index, payload);
    }

    private static int[] loadFlagWords(LegacyAbiContext cx, WitType.FlagsType flags, long ptr) {
        int size = LegacyTypeLayout.size(flags);
        if (size == 1) {
            return new int[] {cx.readU8(ptr)};
        }
        if (size == 2) {
            return new int[] {cx.readU16(ptr)};
        }
        int[] words = new int[LegacyShapes.flagWords(flags)];
        for (int i = 0; i < words.length; i++) {
            words[i] = cx.readI32(ptr + 4L * i);
        }
        return words;
    }

    /** A list whose elements are at {@code [ptr, ptr + length * size)}; length and range checked first. */
    static List<Object> loadList(LegacyAbiContext cx, WitType.ListType t, long ptr, long length) {
        WitType element = t.element();
        int elementSize = LegacyTypeLayout.size(element);
        long byteLength = length * elementSize;
        if (byteLength > LegacyCanonicalAbi.MAX_LIST_BYTE_LENGTH) {
            throw new CanonicalAbiException("list of " + length + " elements (" + byteLength
                    + " bytes) exceeds the maximum of " + LegacyCanonicalAbi.MAX_LIST_BYTE_LENGTH + " bytes");
        }
        cx.checkAligned(ptr, LegacyTypeLayout.alignment(element), "list<" + element + ">");
        cx.checkInBounds(ptr, byteLength, "list<" + element + ">");
        List<Object> values = new ArrayList<>((int) length);
        if (LegacyValueModel.isByte(element)) {
            // bytes are the common bulk case: one read instead of one per element
            for (byte b : cx.readBytes(ptr, (int) length)) {
                values.add(element instanceof WitType.U8 ? b & 0xff : (int) b);
            }
        } else {
            for (long i = 0; i < length; i++) {
                values.add(load(cx, element, ptr + i * elementSize));
            }
        }
        return Collections.unmodifiableList(values);
    }

    static void store(LegacyAbiContext cx, WitType t, Object v, long ptr) {
        if (t instanceof WitType.Bool) {
            cx.writeI8(ptr, LegacyValueModel.lowerBool(t, v));
        } else if (t instanceof WitType.S8 || t instanceof WitType.U8) {
            cx.writeI8(ptr, (int) LegacyValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.S16 || t instanceof WitType.U16) {
            cx.writeI16(ptr, (int) LegacyValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.S32 || t instanceof WitType.U32) {
            cx.writeI32(ptr, (int) LegacyValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            cx.writeI64(ptr, LegacyValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.F32) {
            cx.writeI32(ptr, LegacyValueModel.lowerF32(t, v));
        } else if (t instanceof WitType.F64) {
            cx.writeI64(ptr, LegacyValueModel.lowerF64(t, v));
        } else if (t instanceof WitType.Char) {
            cx.writeI32(ptr, LegacyValueModel.lowerChar(t, v));
        } else if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            cx.writeI32(ptr, cx.lowerHandle(t, v));
        } else if (t instanceof WitType.StringType) {
            if (!(v instanceof String s)) {
                throw LegacyValueModel.mismatch(v, t);
            }
            long[] stored = LegacyStringCodec.store(cx, s);
            cx.writeI32(ptr, (int) stored[0]);
            cx.writeI32(ptr + 4, (int) stored[1]);
        } else if (t instanceof WitType.ListType list) {
            long[] stored = storeList(cx, list, v);
            cx.writeI32(ptr, (int) stored[0]);
            cx.writeI32(ptr + 4, (int) stored[1]);
        } else if (t instanceof WitType.FlagsType flags) {
            int[] words = LegacyValueModel.lowerFlags(flags, v);
            int size = LegacyTypeLayout.size(flags);
            if (size == 1) {
                cx.writeI8(ptr, words[0]);
            } else if (size == 2) {
                cx.writeI16(ptr, words[0]);
            } else {
                for (int i = 0; i < words.length; i++) {
                    cx.writeI32(ptr + 4L * i, words[i]);
                }
            }
        } else if (LegacyShapes.isRecordLike(t)) {
            List<WitType> fields = LegacyShapes.fieldTypes(t);
            List<Object> values = LegacyValueModel.fieldValues(t, v);
            int[] offsets = LegacyTypeLayout.fieldOffsets(t);
            for (int i = 0; i < fields.size(); i++) {
                store(cx, fields.get(i), values.get(i), ptr + offsets[i]);
            }
        } else {
            LegacyValueModel.CaseValue c = LegacyValueModel.caseOf(t, v);
            switch (LegacyTypeLayout.discriminantSize(t)) {
                case 1 -> cx.writeI8(ptr, c.index());
                case 2 -> cx.writeI16(ptr, c.index());
                default -> cx.writeI32(ptr, c.index());
            }
            WitType caseType = LegacyShapes.caseTypes(t).get(c.index());
            if (caseType != null) {
                store(cx, caseType, c.payload(), ptr + LegacyTypeLayout.payloadOffset(t));
            }
        }
    }

    /** Stores the elements in a fresh allocation; returns {@code {ptr, length}}. */
    static long[] storeList(LegacyAbiContext cx, WitType.ListType t, Object v) {
        WitType element = t.element();
        if (v instanceof byte[] bytes && LegacyValueModel.isByte(element)) {
            long ptr = allocateList(cx, t, bytes.length);
            cx.writeBytes(ptr, bytes);
            return new long[] {ptr, bytes.length};
        }
        List<?> elements = LegacyValueModel.listElements(t, v);
        long ptr = allocateList(cx, t, elements.size());
        int elementSize = LegacyTypeLayout.size(element);
        for (int i = 0; i < elements.size(); i++) {
            store(cx, element, elements.get(i), ptr + (long) i * elementSize);
        }
        return new long[] {ptr, elements.size()};
    }

    private static long allocateList(LegacyAbiContext cx, WitType.ListType t, long length) {
        long byteLength = length * LegacyTypeLayout.size(t.element());
        if (byteLength > LegacyCanonicalAbi.MAX_LIST_BYTE_LENGTH) {
            throw new CanonicalAbiException("list of " + length + " elements (" + byteLength
                    + " bytes) exceeds the maximum of " + LegacyCanonicalAbi.MAX_LIST_BYTE_LENGTH + " bytes");
        }
        return cx.allocate(LegacyTypeLayout.alignment(t.element()), byteLength, "a " + t);
    }
}
