-- The tables and named queries that Orleans's ADO.NET clustering (membership) and grain storage (10.x) read from a
-- PostgreSQL database, written for this project: the providers look up each query by its key in OrleansQuery and
-- bind their parameters by name (@DeploymentId, @GrainIdHash, ...). Loaded by eng/postgres.sh into a fresh database.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64)   PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

-- Membership: one version row per cluster, one row per silo incarnation (address, port, generation).
CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150) PRIMARY KEY,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer NOT NULL DEFAULT 0
);

CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- A new cluster's version row; 1 when it was created, 0 when it existed.
CREATE FUNCTION tinierhar_insert_membership_version(p_deployment varchar)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (p_deployment) ON CONFLICT (DeploymentId) DO NOTHING;
    GET DIAGNOSTICS affected = ROW_COUNT;
    RETURN QUERY SELECT affected;
END $$;

-- Steps the cluster's membership version from the one a silo read; false when another silo stepped it first.
CREATE FUNCTION tinierhar_step_membership_version(p_deployment varchar, p_expected_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment AND Version = p_expected_version;
    RETURN FOUND;
END $$;

-- A silo's row, written only together with the version step it was read at (optimistic concurrency): 1 or 0.
CREATE FUNCTION tinierhar_insert_membership(p_deployment varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo_name varchar, p_host_name varchar, p_status integer, p_proxy_port integer, p_start_time timestamptz, p_alive_time timestamptz,
    p_expected_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    IF NOT tinierhar_step_membership_version(p_deployment, p_expected_version) THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port, p_start_time, p_alive_time)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'unique_violation', MESSAGE = 'membership row exists';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION WHEN unique_violation THEN
    RETURN QUERY SELECT 0;
END $$;

-- A silo's status and suspicions, with the same version check: 1 or 0.
CREATE FUNCTION tinierhar_update_membership(p_deployment varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspect_times varchar, p_alive_time timestamptz, p_expected_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    IF NOT tinierhar_step_membership_version(p_deployment, p_expected_version) THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    UPDATE OrleansMembershipTable m SET Status = p_status, SuspectTimes = p_suspect_times, IAmAliveTime = p_alive_time
    WHERE m.DeploymentId = p_deployment AND m.Address = p_address AND m.Port = p_port AND m.Generation = p_generation;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'no_data_found', MESSAGE = 'no membership row';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION WHEN no_data_found THEN
    RETURN QUERY SELECT 0;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', 'SELECT row_count FROM tinierhar_insert_membership_version(@DeploymentId);'),
('InsertMembershipKey', 'SELECT row_count FROM tinierhar_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey', 'SELECT row_count FROM tinierhar_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);'),
('UpdateIAmAlivetimeKey', 'UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),
('MembershipReadAllKey', 'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
    m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;'),
('MembershipReadRowKey', 'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
    m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;'),
('GatewaysQueryKey', 'SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),
('DeleteMembershipTableEntriesKey', 'DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),
('CleanupDefunctSiloEntriesKey', 'DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;'),
('CleanupDefunctSiloEntryKey', 'DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;');

-- Grain state: one row per (service, grain type, grain id), its version stepped by every write.
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer NOT NULL,
    GrainIdN0              bigint NOT NULL,
    GrainIdN1              bigint NOT NULL,
    GrainTypeHash          integer NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea NULL,
    ModifiedOn             timestamp NOT NULL,
    Version                integer NULL
);
CREATE INDEX IX_OrleansStorage ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Writes a grain's state: an update at the version it was read at, or the first insert; the new version, or the old
-- one when another writer came first (which Orleans reports as a conflict).
CREATE FUNCTION tinierhar_write_storage(p_id_hash integer, p_id_n0 bigint, p_id_n1 bigint, p_type_hash integer, p_type_string varchar,
    p_id_extension varchar, p_service varchar, p_read_version integer, p_payload bytea)
RETURNS TABLE (NewGrainStateVersion integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
    IF p_read_version IS NOT NULL THEN
        UPDATE OrleansStorage s SET PayloadBinary = p_payload, ModifiedOn = now() AT TIME ZONE 'utc', Version = s.Version + 1
        WHERE s.GrainIdHash = p_id_hash AND s.GrainTypeHash = p_type_hash AND s.GrainIdN0 = p_id_n0 AND s.GrainIdN1 = p_id_n1
          AND s.GrainTypeString = p_type_string AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_id_extension
          AND s.ServiceId = p_service AND s.Version = p_read_version;
        GET DIAGNOSTICS affected = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN affected > 0 THEN p_read_version + 1 ELSE p_read_version END;
        RETURN;
    END IF;
    -- One first write wins: concurrent inserts of the same grain are serialised on the grain's hash.
    PERFORM pg_advisory_xact_lock(p_id_hash, p_type_hash);
    INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT p_id_hash, p_id_n0, p_id_n1, p_type_hash, p_type_string, p_id_extension, p_service, p_payload, now() AT TIME ZONE 'utc', 1
    WHERE NOT EXISTS (SELECT 1 FROM OrleansStorage s
        WHERE s.GrainIdHash = p_id_hash AND s.GrainTypeHash = p_type_hash AND s.GrainIdN0 = p_id_n0 AND s.GrainIdN1 = p_id_n1
          AND s.GrainTypeString = p_type_string AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_id_extension AND s.ServiceId = p_service);
    GET DIAGNOSTICS affected = ROW_COUNT;
    RETURN QUERY SELECT CASE WHEN affected > 0 THEN 1 ELSE NULL END;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', 'SELECT NewGrainStateVersion FROM tinierhar_write_storage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
    @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);'),
('ReadFromStorageKey', 'SELECT PayloadBinary, NULL::xml AS PayloadXml, NULL::text AS PayloadJson, now() AT TIME ZONE ''utc'', Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId;'),
('ClearStorageKey', 'UPDATE OrleansStorage SET PayloadBinary = NULL, Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;'),
('DeleteStorageKey', 'DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;');
