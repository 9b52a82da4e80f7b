package org.hakmem.api.os;

/**
 * Checks, before the first downcall, that the JVM lets this module make them.
 * Owns the one message users see when the flag is missing; never makes a downcall itself.
 */
public final class NativeAccess {

    private NativeAccess() {
    }

    /** The exact command-line flag that grants this module native access. */
    public static String requiredFlag() {
        Module module = NativeAccess.class.getModule();
        return "--enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
    }

    /** Fails with a message naming the flag to add when native access is not enabled for this module. */
    public static void require() {
        if (!NativeAccess.class.getModule().isNativeAccessEnabled()) {
            throw new IllegalStateException("hakmem calls mmap, madvise and libc through FFM and needs native access:"
                    + " add " + requiredFlag() + " to the java command line"
                    + " (surefire: <argLine>, JMH: jvmArgsAppend, launcher: JAVA_OPTS)");
        }
    }
}
