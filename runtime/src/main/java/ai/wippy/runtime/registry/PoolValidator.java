package ai.wippy.runtime.registry;

import java.util.List;
import java.util.OptionalLong;

/**
 * Validates a {@code pool} block (wippy-reference §2.5). Pools only matter to function entries;
 * {@code process.wasm} validates and then ignores them, as Wippy does.
 */
final class PoolValidator {

    private static final List<String> TYPES = List.of("inline", "lazy", "static", "adaptive");
    private static final List<String> NUMBERS = List.of("size", "workers", "buffer", "max_size");

    private PoolValidator() {
    }

    static void validate(Fields fields) {
        if (fields.map("pool") == null) {
            return;
        }
        long[] values = new long[NUMBERS.size()];
        boolean negative = false;
        for (int i = 0; i < NUMBERS.size(); i++) {
            OptionalLong value = fields.integer("pool." + NUMBERS.get(i));
            values[i] = value.orElse(0);
            negative |= values[i] < 0;
        }
        fields.bool("pool.warm_start");
        if (negative) {
            fields.problem("pool", "pool values cannot be negative");
            return;
        }
        String type = fields.string("pool.type").orElse("").trim();
        if (!type.isEmpty() && !TYPES.contains(type)) {
            fields.problem("pool.type", "invalid pool type");
        }
        long size = values[0];
        long workers = values[1];
        // Wippy also has "pool.size must be greater than 0 for non-flex pools", but with negative
        // values refused first it can only trigger where this worker-pool rule already does.
        if (workers > 0 && size <= 0) {
            fields.problem("pool.size", "pool.size must be greater than 0 for worker pools");
        }
    }
}
