package ai.wippy.runtime.abi;

/**
 * The guest's {@code cabi_realloc(old_ptr, old_size, align, new_size) -> new_ptr}. A fresh
 * allocation is {@code realloc(0, 0, align, size)}; the canonical ABI calls it even for empty
 * strings and lists and checks the returned pointer's alignment and bounds.
 */
@FunctionalInterface
public interface GuestAllocator {

    int realloc(int oldPtr, int oldSize, int align, int newSize);
}
