package org.hakmem.assembly;

/** {@code ./hakmem describe}: prints the pipeline the current environment and system properties assemble. */
public final class Describe {

    private Describe() {
    }

    public static void main(String[] args) {
        try {
            System.out.print(Hakmem.builder().describe());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("hakmem: " + e.getMessage());
            System.exit(2);
        }
    }
}
