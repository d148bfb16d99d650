package ai.wippy.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/** A bump allocator that honours the requested alignment and records every realloc call. */
final class BumpAllocator implements GuestAllocator {

    record Call(int oldPtr, int oldSize, int align, int newSize, int result) {
    }

    final List<Call> calls = new ArrayList<>();
    private int next;

    BumpAllocator(int start) {
        this.next = start;
    }

    @Override
    public int realloc(int oldPtr, int oldSize, int align, int newSize) {
        int ptr = (next + align - 1) / align * align;
        next = ptr + newSize;
        calls.add(new Call(oldPtr, oldSize, align, newSize, ptr));
        return ptr;
    }
}
