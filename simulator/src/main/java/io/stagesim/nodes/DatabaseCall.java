package io.stagesim.nodes;

import io.stagesim.model.PsHost;
import io.stagesim.random.Sampler;

/**
 * A call to a database: {@code cpu} per query on the database host, {@code io} per query (disk
 * wait, or null), {@code write} (a SQLite write takes the write lock). When the database has
 * connections and the view holds none yet, the first call opens one: {@link Connection}.
 */
public final class DatabaseCall extends CallSite {

    /**
     * How a call opens a connection to {@code database} when its view has none: unless
     * {@code persistent}, {@code connectCpu} on {@code callerCpu}, then {@code atDatabase} (the
     * backend's start there).
     */
    public record Connection(DatabaseNode database, boolean persistent, Sampler connectCpu, PsHost callerCpu,
            DatabaseCall atDatabase) {
    }

    private static final int CONNECTION = 1;
    private static final int CONNECT_CPU = 2;
    private static final int CONNECT_DB = 3;

    final Sampler cpu;
    final Sampler io;
    final boolean write;
    private final Connection connection;

    /**
     * A database call; {@code connection} is null when the database has none (SQLite), and for
     * the connect step itself.
     */
    public DatabaseCall(String name, Link link, Times times, Sampler cpu, Sampler io, boolean write,
            Connection connection) {
        super(name, link, times);
        this.cpu = cpu;
        this.io = io;
        this.write = write;
        this.connection = connection;
    }

    @Override
    void begin(Request r) {
        if (connection != null && !r.hasDbConnection()) {
            r.phase(CONNECTION);
            connection.database().connections().acquire(r);
            return;
        }
        next(r);
    }

    @Override
    void failed(Request r) {
        if (r.phase() == CONNECTION) {
            r.fail(ErrorKind.DB_CONNECTIONS);
        } else {
            r.ret(false);
        }
    }

    @Override
    void stepped(Request r) {
        switch (r.phase()) {
            case CONNECTION -> {
                r.holdDbConnection(connection.database().connections());
                if (connection.persistent()) {
                    next(r);
                } else {
                    long work = connection.connectCpu().sample();
                    r.countCpu(work);
                    r.phase(CONNECT_CPU);
                    connection.callerCpu().execute(r, work);
                }
            }
            case CONNECT_CPU -> {
                r.phase(CONNECT_DB);
                r.call(connection.atDatabase(), null);
            }
            case CONNECT_DB -> next(r);
            default -> super.stepped(r);
        }
    }
}
