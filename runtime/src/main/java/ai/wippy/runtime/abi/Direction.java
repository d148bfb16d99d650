package ai.wippy.runtime.abi;

/**
 * Which side of the boundary the core function is on. {@link #LIFT}: a guest export the host
 * calls ({@code canon lift}); more than one flat result comes back as a pointer to the results.
 * {@link #LOWER}: a host import the guest calls ({@code canon lower}); more than one flat result is
 * written through an extra trailing pointer parameter and the core function returns nothing.
 */
public enum Direction {
    LIFT, LOWER
}
