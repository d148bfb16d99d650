package ai.wippy.runtime.process;

/** A process identifier: the host that runs it and a sequence number unique within that host. */
public record Pid(String host, long sequence) {

    @Override
    public String toString() {
        return "{" + host + "|" + String.format("0x%05x", sequence) + "}";
    }
}
