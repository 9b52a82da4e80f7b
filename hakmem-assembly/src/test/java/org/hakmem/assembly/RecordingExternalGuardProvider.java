package org.hakmem.assembly;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hakmem.api.InvalidAddressException;
import org.hakmem.api.spi.BoxContext;
import org.hakmem.api.spi.ExternalGuard;
import org.hakmem.api.spi.ExternalGuardProvider;
import org.hakmem.api.spi.Setting;
import org.hakmem.api.spi.Slot;

/**
 * A Box the project's main code has never seen, registered only through this test jar's META-INF/services:
 * proves a deployment can fill a slot by configuration alone. It records foreign frees instead of refusing them.
 */
public final class RecordingExternalGuardProvider implements ExternalGuardProvider {

    static final List<Long> FREED = new CopyOnWriteArrayList<>();
    static final Setting LABEL = Setting.choice("HAKMEM_RECORDING_LABEL", "plain", List.of("plain", "fancy"),
            "a setting only this third-party Box declares");

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Slot slot() {
        return Slot.EXTERNAL_GUARD;
    }

    @Override
    public String description() {
        return "test Box: records foreign frees";
    }

    @Override
    public List<Setting> settings() {
        return List.of(LABEL);
    }

    @Override
    public ExternalGuard create(BoxContext context) {
        context.counters().counter("recorded");
        return new ExternalGuard() {
            @Override
            public void free(long address) {
                FREED.add(address);
                context.counters().counter("recorded").increment();
            }

            @Override
            public InvalidAddressException refuse(long address, String operation) {
                return new InvalidAddressException(address, InvalidAddressException.Reason.FOREIGN,
                        operation + ": recorded " + context.config().choice(LABEL));
            }
        };
    }
}
