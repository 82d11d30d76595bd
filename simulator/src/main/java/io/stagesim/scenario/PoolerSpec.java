package io.stagesim.scenario;

/**
 * A connection pooler in front of a PostgreSQL-like database that views call as they would the
 * database: PgBouncer on a host of ours, or a managed proxy (RDS Proxy-like) outside them.
 */
public interface PoolerSpec extends ServiceSpec {

    /** The database it pools connections to. */
    String database();
}
