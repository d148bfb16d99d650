package ai.wippy.runtime.process;

/** A process identifier: the host that runs it and a sequence number unique within that host. */
public record Pid(String host, long sequence) {

    @Override
    public String toString() {
        String hex = Long.toHexString(sequence);
        return "{" + host + "|0x" + "00000".substring(Math.min(5, hex.length())) + hex + "}";
    }
}
