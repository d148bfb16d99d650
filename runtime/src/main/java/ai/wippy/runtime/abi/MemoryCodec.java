package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The spec's load and store: values at a pointer in guest memory. */
final class MemoryCodec {

    private MemoryCodec() {
    }

    static Object load(AbiContext cx, WitType t, long ptr) {
        if (t instanceof WitType.Bool) {
            return cx.readU8(ptr) != 0;
        }
        if (t instanceof WitType.S8 || t instanceof WitType.U8) {
            return ValueModel.liftInteger(t, cx.readU8(ptr));
        }
        if (t instanceof WitType.S16 || t instanceof WitType.U16) {
            return ValueModel.liftInteger(t, cx.readU16(ptr));
        }
        if (t instanceof WitType.S32 || t instanceof WitType.U32) {
            return ValueModel.liftInteger(t, cx.readI32(ptr));
        }
        if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            return ValueModel.liftInteger(t, cx.readI64(ptr));
        }
        if (t instanceof WitType.F32) {
            return ValueModel.liftF32(cx.readI32(ptr));
        }
        if (t instanceof WitType.F64) {
            return ValueModel.liftF64(cx.readI64(ptr));
        }
        if (t instanceof WitType.Char) {
            return ValueModel.liftChar(cx.readI32(ptr));
        }
        if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            return cx.liftHandle(t, cx.readI32(ptr));
        }
        if (t instanceof WitType.StringType) {
            return StringCodec.load(cx, AbiContext.unsigned(cx.readI32(ptr)), AbiContext.unsigned(cx.readI32(ptr + 4)));
        }
        if (t instanceof WitType.ListType list) {
            return loadList(cx, list, AbiContext.unsigned(cx.readI32(ptr)), AbiContext.unsigned(cx.readI32(ptr + 4)));
        }
        if (t instanceof WitType.FlagsType flags) {
            return ValueModel.liftFlags(flags, loadFlagWords(cx, flags, ptr));
        }
        if (Shapes.isRecordLike(t)) {
            List<WitType> fields = Shapes.fieldTypes(t);
            int[] offsets = TypeLayout.fieldOffsets(t);
            List<Object> values = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                values.add(load(cx, fields.get(i), ptr + offsets[i]));
            }
            return ValueModel.recordValue(t, values);
        }
        // variant, enum, option, result
        List<WitType> cases = Shapes.caseTypes(t);
        long index = switch (TypeLayout.discriminantSize(t)) {
            case 1 -> cx.readU8(ptr);
            case 2 -> cx.readU16(ptr);
            default -> AbiContext.unsigned(cx.readI32(ptr));
        };
        if (index >= cases.size()) {
            throw new CanonicalAbiException("invalid discriminant " + index + " for " + t + " (" + cases.size() + " cases)");
        }
        WitType caseType = cases.get((int) index);
        Object payload = caseType == null ? null : load(cx, caseType, ptr + TypeLayout.payloadOffset(t));
        return ValueModel.variantValue(t, (int) index, payload);
    }

    private static int[] loadFlagWords(AbiContext cx, WitType.FlagsType flags, long ptr) {
        int size = TypeLayout.size(flags);
        if (size == 1) {
            return new int[] {cx.readU8(ptr)};
        }
        if (size == 2) {
            return new int[] {cx.readU16(ptr)};
        }
        int[] words = new int[Shapes.flagWords(flags)];
        for (int i = 0; i < words.length; i++) {
            words[i] = cx.readI32(ptr + 4L * i);
        }
        return words;
    }

    /** A list whose elements are at {@code [ptr, ptr + length * size)}; length and range checked first. */
    static List<Object> loadList(AbiContext cx, WitType.ListType t, long ptr, long length) {
        WitType element = t.element();
        int elementSize = TypeLayout.size(element);
        long byteLength = length * elementSize;
        if (byteLength > CanonicalAbi.MAX_LIST_BYTE_LENGTH) {
            throw new CanonicalAbiException("list of " + length + " elements (" + byteLength
                    + " bytes) exceeds the maximum of " + CanonicalAbi.MAX_LIST_BYTE_LENGTH + " bytes");
        }
        cx.checkAligned(ptr, TypeLayout.alignment(element), "list<" + element + ">");
        cx.checkInBounds(ptr, byteLength, "list<" + element + ">");
        List<Object> values = new ArrayList<>((int) length);
        if (ValueModel.isByte(element)) {
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

    static void store(AbiContext cx, WitType t, Object v, long ptr) {
        if (t instanceof WitType.Bool) {
            cx.writeI8(ptr, ValueModel.lowerBool(t, v));
        } else if (t instanceof WitType.S8 || t instanceof WitType.U8) {
            cx.writeI8(ptr, (int) ValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.S16 || t instanceof WitType.U16) {
            cx.writeI16(ptr, (int) ValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.S32 || t instanceof WitType.U32) {
            cx.writeI32(ptr, (int) ValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            cx.writeI64(ptr, ValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.F32) {
            cx.writeI32(ptr, ValueModel.lowerF32(t, v));
        } else if (t instanceof WitType.F64) {
            cx.writeI64(ptr, ValueModel.lowerF64(t, v));
        } else if (t instanceof WitType.Char) {
            cx.writeI32(ptr, ValueModel.lowerChar(t, v));
        } else if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            cx.writeI32(ptr, cx.lowerHandle(t, v));
        } else if (t instanceof WitType.StringType) {
            if (!(v instanceof String s)) {
                throw ValueModel.mismatch(v, t);
            }
            long[] stored = StringCodec.store(cx, s);
            cx.writeI32(ptr, (int) stored[0]);
            cx.writeI32(ptr + 4, (int) stored[1]);
        } else if (t instanceof WitType.ListType list) {
            long[] stored = storeList(cx, list, v);
            cx.writeI32(ptr, (int) stored[0]);
            cx.writeI32(ptr + 4, (int) stored[1]);
        } else if (t instanceof WitType.FlagsType flags) {
            int[] words = ValueModel.lowerFlags(flags, v);
            int size = TypeLayout.size(flags);
            if (size == 1) {
                cx.writeI8(ptr, words[0]);
            } else if (size == 2) {
                cx.writeI16(ptr, words[0]);
            } else {
                for (int i = 0; i < words.length; i++) {
                    cx.writeI32(ptr + 4L * i, words[i]);
                }
            }
        } else if (Shapes.isRecordLike(t)) {
            List<WitType> fields = Shapes.fieldTypes(t);
            List<Object> values = ValueModel.fieldValues(t, v);
            int[] offsets = TypeLayout.fieldOffsets(t);
            for (int i = 0; i < fields.size(); i++) {
                store(cx, fields.get(i), values.get(i), ptr + offsets[i]);
            }
        } else {
            ValueModel.CaseValue c = ValueModel.caseOf(t, v);
            switch (TypeLayout.discriminantSize(t)) {
                case 1 -> cx.writeI8(ptr, c.index());
                case 2 -> cx.writeI16(ptr, c.index());
                default -> cx.writeI32(ptr, c.index());
            }
            WitType caseType = Shapes.caseTypes(t).get(c.index());
            if (caseType != null) {
                store(cx, caseType, c.payload(), ptr + TypeLayout.payloadOffset(t));
            }
        }
    }

    /** Stores the elements in a fresh allocation; returns {@code {ptr, length}}. */
    static long[] storeList(AbiContext cx, WitType.ListType t, Object v) {
        WitType element = t.element();
        if (v instanceof byte[] bytes && ValueModel.isByte(element)) {
            long ptr = allocateList(cx, t, bytes.length);
            cx.writeBytes(ptr, bytes);
            return new long[] {ptr, bytes.length};
        }
        List<?> elements = ValueModel.listElements(t, v);
        long ptr = allocateList(cx, t, elements.size());
        int elementSize = TypeLayout.size(element);
        for (int i = 0; i < elements.size(); i++) {
            store(cx, element, elements.get(i), ptr + (long) i * elementSize);
        }
        return new long[] {ptr, elements.size()};
    }

    private static long allocateList(AbiContext cx, WitType.ListType t, long length) {
        long byteLength = length * TypeLayout.size(t.element());
        if (byteLength > CanonicalAbi.MAX_LIST_BYTE_LENGTH) {
            throw new CanonicalAbiException("list of " + length + " elements (" + byteLength
                    + " bytes) exceeds the maximum of " + CanonicalAbi.MAX_LIST_BYTE_LENGTH + " bytes");
        }
        return cx.allocate(TypeLayout.alignment(t.element()), byteLength, "a " + t);
    }
}
