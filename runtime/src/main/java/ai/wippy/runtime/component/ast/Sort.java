package ai.wippy.runtime.component.ast;

/** What an index refers to: the core sorts (inside a component) and the component sorts. */
public enum Sort {
    CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_TYPE, CORE_MODULE, CORE_INSTANCE,
    FUNC, VALUE, TYPE, COMPONENT, INSTANCE;

    public boolean isCore() {
        return ordinal() <= CORE_INSTANCE.ordinal();
    }

    /** The name used in the text format and in messages, e.g. {@code core func}. */
    public String text() {
        return switch (this) {
            case CORE_FUNC -> "core func";
            case CORE_TABLE -> "core table";
            case CORE_MEMORY -> "core memory";
            case CORE_GLOBAL -> "core global";
            case CORE_TAG -> "core tag";
            case CORE_TYPE -> "core type";
            case CORE_MODULE -> "core module";
            case CORE_INSTANCE -> "core instance";
            case FUNC -> "func";
            case VALUE -> "value";
            case TYPE -> "type";
            case COMPONENT -> "component";
            case INSTANCE -> "instance";
        };
    }
}
