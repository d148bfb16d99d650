package ai.wippy.runtime.component.ast;

/**
 * The attributes an import or export name may carry (Binary.md {@code nameattributes} with prefix
 * 0x02): {@code (implements "ns:pkg/iface")}, {@code (versionsuffix ".2.3")} and
 * {@code (external-id "…")}; each is null when absent. They take no part in type checking or in
 * matching names; validation only checks their form.
 */
public record NameAttributes(String implementsName, String versionSuffix, String externalId) {

    public static final NameAttributes NONE = new NameAttributes(null, null, null);

    public boolean isEmpty() {
        return implementsName == null && versionSuffix == null && externalId == null;
    }
}
