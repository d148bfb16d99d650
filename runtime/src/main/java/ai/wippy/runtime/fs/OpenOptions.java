package ai.wippy.runtime.fs;

/**
 * How to open a path. {@code follow} says whether a symbolic link in the last component is
 * followed (links in earlier components always are, confined like everything else).
 */
public record OpenOptions(boolean read, boolean write, boolean append, boolean create, boolean exclusive,
        boolean truncate, boolean directory, boolean follow) {

    public boolean writes() {
        return write || append || truncate;
    }
}
