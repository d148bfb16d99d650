package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;

/**
 * How {@code own} and {@code borrow} values cross the boundary: the guest passes indexes into its
 * component instance's handle table; the other side sees whatever the table resolves them to. The
 * component runtime implements this per call; without it handles pass as raw integers.
 */
public interface ResourceHandles {

    /** The value of handle {@code index} taken from the guest (an own handle leaves its table). */
    Object lift(WitType handleType, int index);

    /** The handle index the guest receives for {@code value} (an own value enters its table). */
    int lower(WitType handleType, Object value);
}
