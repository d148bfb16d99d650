package ai.wippy.runtime.fs;

/** What the directories of one mount share: how lookups are confined, the mode, the root's identity. */
record LinuxMount(PathLookup lookup, boolean readOnly, long rootDev, long rootIno, DescriptorBudget budget) {

    boolean isRoot(FileStat stat) {
        return stat.dev() == rootDev && stat.ino() == rootIno;
    }
}
