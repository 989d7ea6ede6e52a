namespace CemOnPrem.Storage.Clustering;

public sealed partial class PostgresMembershipTable
{
    private const string InitVersionSql =
        "insert into cluster_versions (cluster_id, version) values (@ClusterId, 0) on conflict (cluster_id) do nothing";

    // The version check is the optimistic lock of the whole table: a writer states the version it
    // produces, which must be exactly one above the stored one. The row lock this update takes
    // serialises concurrent writers; the loser re-evaluates the WHERE, finds a newer version and
    // changes nothing.
    private const string BumpVersionSql =
        """
        update cluster_versions set version = @Version, updated_at = now()
        where cluster_id = @ClusterId and version = @Version - 1
        """;

    private const string InsertMemberSql =
        """
        insert into cluster_members (cluster_id, address, port, generation, silo_name, host_name, role_name, status, proxy_port,
                                     update_zone, fault_zone, suspect_times, start_time, iamalive_time, etag)
        values (@ClusterId, @Address, @Port, @Generation, @SiloName, @HostName, @RoleName, @Status, @ProxyPort,
                @UpdateZone, @FaultZone, @SuspectTimes::jsonb, @StartTime, @IAmAliveTime, 1)
        on conflict (cluster_id, address, port, generation) do nothing
        """;

    // A heartbeat never moves back: a vote or status write carries the IAmAlive it read moments earlier and must
    // not undo a heartbeat written since (staleness picks probe partners and counts the votes that evict).
    private const string UpdateMemberSql =
        """
        update cluster_members
        set silo_name = @SiloName, host_name = @HostName, role_name = @RoleName, status = @Status, proxy_port = @ProxyPort,
            update_zone = @UpdateZone, fault_zone = @FaultZone, suspect_times = @SuspectTimes::jsonb,
            start_time = @StartTime, iamalive_time = greatest(iamalive_time, @IAmAliveTime), etag = etag + 1
        where cluster_id = @ClusterId and address = @Address and port = @Port and generation = @Generation and etag = @Etag
        """;

    private const string UpdateIAmAliveSql =
        """
        update cluster_members set iamalive_time = greatest(iamalive_time, @IAmAliveTime)
        where cluster_id = @ClusterId and address = @Address and port = @Port and generation = @Generation
        """;

    // The table version with member rows, as MembershipRow reads them (both reads below).
    private const string VersionAndMembers =
        """
        select v.version as TableVersion, m.address as Address, m.port as Port, m.generation as Generation,
               m.silo_name as SiloName, m.host_name as HostName, m.role_name as RoleName, m.status as Status,
               m.proxy_port as ProxyPort, m.update_zone as UpdateZone, m.fault_zone as FaultZone,
               m.suspect_times::text as SuspectTimes, m.start_time as StartTime, m.iamalive_time as IAmAliveTime, m.etag as Etag
        """;

    // One statement, so the version and the rows come from the same snapshot.
    private const string ReadAllSql =
        $$"""
        {{VersionAndMembers}}
        from cluster_versions v
        left join cluster_members m on m.cluster_id = v.cluster_id
        where v.cluster_id = @ClusterId
        """;

    private const string ReadRowSql =
        $$"""
        {{VersionAndMembers}}
        from cluster_versions v
        left join cluster_members m
          on m.cluster_id = v.cluster_id and m.address = @Address and m.port = @Port and m.generation = @Generation
        where v.cluster_id = @ClusterId
        """;

    // Active silos are never removed, however old their last IAmAlive: declaring them dead is the
    // membership protocol's decision, not the clean-up's. A row's age is its latest sign of life or
    // suspicion (start, heartbeat, newest vote), as Orleans' clean-up agent reckons it: a crashed node stops
    // its heartbeat before it is voted dead, so by heartbeat alone a death just declared would look old.
    // One statement: a row changed concurrently is re-checked against the WHERE under READ COMMITTED.
    private const string CleanupDefunctSql =
        """
        delete from cluster_members
        where cluster_id = @ClusterId and status <> @Active
          and greatest(start_time, iamalive_time,
                       (select max((vote->>'at')::timestamptz) from jsonb_array_elements(suspect_times) vote)) < @Before
        """;

    private const string DeleteClusterSql = "delete from cluster_versions where cluster_id = @ClusterId";
}
