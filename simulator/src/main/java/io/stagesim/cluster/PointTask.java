package io.stagesim.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The task the durable executor carries to a worker: a signed work item, and nothing else. It is
 * written with Hazelcast's own identified serialization (no Java serialization, whose readers are
 * a well-known way in), and on the worker hands the bytes to the {@link Worker}, which checks the
 * signature before it decodes anything.
 */
public final class PointTask implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** This package's serialization factory id. */
    static final int FACTORY_ID = 0x53544753; // "STGS"
    static final int CLASS_ID = 1;

    /** Bytes a rejected item's answer starts with (unsigned: the worker could not tell who sent it). */
    static final byte[] REJECTED = "stagesim rejected:".getBytes(StandardCharsets.UTF_8);

    private byte[] signed;
    private transient HazelcastInstance instance;

    /** For Hazelcast's deserialization. */
    public PointTask() {
    }

    PointTask(byte[] signed) {
        this.signed = signed;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.instance = hz;
    }

    @Override
    public byte[] call() {
        Object w = instance == null ? null : instance.getUserContext().get(Worker.KEY);
        if (!(w instanceof Worker worker)) {
            return rejected("this member is not a stagesim worker");
        }
        return worker.run(signed);
    }

    static byte[] rejected(String why) {
        byte[] m = why.getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(REJECTED, REJECTED.length + m.length);
        System.arraycopy(m, 0, out, REJECTED.length, m.length);
        return out;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(signed);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        signed = in.readByteArray();
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    /** Makes {@link PointTask}s from their id: the only type this package puts on the wire. */
    static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int typeId) {
            return typeId == CLASS_ID ? new PointTask() : null;
        }
    }
}
