"""Resources of the shaped GCP plan (google provider 6.50.0): one offender and one compliant counterpart
per rule family. `defaults` are what the provider plans for unset arguments (schema defaults and nulls);
`unknown` are computed attributes, absent from planned values until apply."""

NET = "projects/steadystate-fixture/global/networks/main"

FIREWALL = {
    "schema_version": 1,
    "defaults": {"description": None, "destination_ranges": None, "disabled": None, "log_config": [], "params": [],
                 "priority": 1000, "source_service_accounts": None, "source_tags": None, "target_service_accounts": None,
                 "target_tags": None, "timeouts": None, "deny": []},
    "unknown": {"creation_timestamp": "scalar", "direction": "scalar", "enable_logging": "scalar", "id": "scalar",
                "project": "scalar", "self_link": "scalar"},
}
BUCKET = {
    "schema_version": 3,
    "defaults": {"autoclass": [], "cors": [], "custom_placement_config": [], "default_event_based_hold": None,
                 "effective_labels": {"goog-terraform-provisioned": "true"}, "enable_object_retention": None,
                 "encryption": [], "force_destroy": False, "hierarchical_namespace": [], "ip_filter": [], "labels": None,
                 "lifecycle_rule": [], "logging": [], "requester_pays": None, "retention_policy": [],
                 "soft_delete_policy": [], "storage_class": "STANDARD", "terraform_labels": {"goog-terraform-provisioned": "true"},
                 "timeouts": None, "versioning": [], "website": []},
    "unknown": {"id": "scalar", "project": "scalar", "project_number": "scalar", "public_access_prevention": "scalar",
                "rpo": "scalar", "self_link": "scalar", "time_created": "scalar", "uniform_bucket_level_access": "scalar",
                "updated": "scalar", "url": "scalar"},
}
BUCKET_IAM = {"defaults": {"condition": []}, "unknown": {"etag": "scalar", "id": "scalar"}}
PROJECT_IAM = {"defaults": {"condition": []}, "unknown": {"etag": "scalar", "id": "scalar"}}
SQL = {
    "defaults": {"clone": [], "deletion_protection": True, "encryption_key_name": None, "master_instance_name": None,
                 "restore_backup_context": [], "root_password": None, "timeouts": None},
    "unknown": {"available_maintenance_versions": "list", "connection_name": "scalar", "dns_name": "scalar",
                "first_ip_address": "scalar", "id": "scalar", "instance_type": "scalar", "ip_address": "list",
                "maintenance_version": "scalar", "private_ip_address": "scalar", "project": "scalar",
                "psc_service_attachment_link": "scalar", "public_ip_address": "scalar", "region": "scalar",
                "replica_configuration": "list", "self_link": "scalar", "server_ca_cert": "list",
                "service_account_email_address": "scalar"},
    "sensitive": ["root_password"],
}
GKE = {
    "schema_version": 2,
    "defaults": {"deletion_protection": True, "description": None, "enable_autopilot": None, "enable_k8s_beta_apis": [],
                 "enable_kubernetes_alpha": False, "enable_l4_ilb_subsetting": False, "enable_legacy_abac": False,
                 "enable_multi_networking": False, "enable_shielded_nodes": True, "enable_tpu": False,
                 "initial_node_count": 1, "location": "europe-west1", "min_master_version": None,
                 "remove_default_node_pool": True, "resource_labels": None, "timeouts": None},
    "unknown": {"datapath_provider": "scalar", "endpoint": "scalar", "id": "scalar", "label_fingerprint": "scalar",
                "logging_service": "scalar", "master_version": "scalar", "monitoring_service": "scalar",
                "network": "scalar", "node_pool": "list", "node_version": "scalar", "operation": "scalar",
                "private_cluster_config": "list", "project": "scalar", "self_link": "scalar",
                "services_ipv4_cidr": "scalar", "subnetwork": "scalar", "tpu_ipv4_cidr_block": "scalar",
                "workload_identity_config": "list", "network_policy": "list", "master_authorized_networks_config": "list"},
}
NODE_POOL = {
    "schema_version": 1,
    "defaults": {"autoscaling": [], "location": "europe-west1", "max_pods_per_node": None, "network_config": [],
                 "placement_policy": [], "queued_provisioning": [], "timeouts": None, "upgrade_settings": []},
    "unknown": {"id": "scalar", "instance_group_urls": "list", "managed_instance_group_urls": "list",
                "node_config": "list", "node_count": "scalar", "node_locations": "list", "operation": "scalar",
                "project": "scalar", "version": "scalar"},
}
INSTANCE = {
    "schema_version": 6,
    "defaults": {"advanced_machine_features": [], "allow_stopping_for_update": None, "attached_disk": [],
                 "can_ip_forward": False, "deletion_protection": False, "description": None, "desired_status": None,
                 "enable_display": None, "hostname": None, "labels": None, "metadata_startup_script": None,
                 "params": [], "resource_policies": None, "scratch_disk": [], "tags": None, "timeouts": None},
    "unknown": {"cpu_platform": "scalar", "current_status": "scalar", "effective_labels": "map", "guest_accelerator": "list",
                "id": "scalar", "instance_id": "scalar", "label_fingerprint": "scalar", "metadata_fingerprint": "scalar",
                "min_cpu_platform": "scalar", "project": "scalar", "reservation_affinity": "list", "scheduling": "list",
                "self_link": "scalar", "terraform_labels": "map", "zone": "scalar"},
}
PROJECT_METADATA = {"defaults": {"timeouts": None}, "unknown": {"id": "scalar", "project": "scalar"}}
KMS_KEY = {
    "schema_version": 1,
    "defaults": {"destroy_scheduled_duration": None, "effective_labels": {}, "key_access_justifications_policy": [],
                 "labels": None, "skip_initial_version_creation": None, "terraform_labels": {}, "timeouts": None},
    "unknown": {"crypto_key_backend": "scalar", "id": "scalar", "import_only": "scalar", "primary": "list",
                "version_template": "list"},
}

BOOT = [{"auto_delete": True, "device_name": None, "disk_encryption_key_raw": None, "interface": None,
         "initialize_params": [{"image": "debian-cloud/debian-12", "size": 10, "type": "pd-balanced"}],
         "mode": "READ_WRITE"}]
SHIELDED = [{"enable_integrity_monitoring": True, "enable_secure_boot": True, "enable_vtpm": True}]


def fw(name, allow, source_ranges, direction="INGRESS", **extra):
    cfg = {"name": name, "network": NET, "source_ranges": source_ranges,
           "allow": [{"protocol": p, "ports": ports} for p, ports in allow]}
    if direction is not None:
        cfg["direction"] = direction
    cfg.update(extra)
    return cfg


def sql_settings(ip, backup, flags, version="POSTGRES_16"):
    return [{"activation_policy": "ALWAYS", "active_directory_config": [], "advanced_machine_features": [],
             "availability_type": "ZONAL", "backup_configuration": backup, "collation": None,
             "connector_enforcement": "NOT_REQUIRED", "database_flags": flags, "deletion_protection_enabled": False,
             "deny_maintenance_period": [], "disk_autoresize": True, "disk_autoresize_limit": 0, "disk_size": 10,
             "disk_type": "PD_SSD", "edition": "ENTERPRISE", "insights_config": [], "ip_configuration": ip,
             "location_preference": [], "maintenance_window": [], "password_validation_policy": [],
             "pricing_plan": "PER_USE", "sql_server_audit_config": [], "tier": "db-custom-1-3840",
             "time_zone": None, "user_labels": None}]


IP_PRIVATE = [{"allocated_ip_range": None, "authorized_networks": [], "enable_private_path_for_google_cloud_services": False,
               "ipv4_enabled": False, "private_network": NET, "psc_config": [], "server_ca_mode": "GOOGLE_MANAGED_INTERNAL_CA",
               "server_ca_pool": None, "ssl_mode": "ENCRYPTED_ONLY"}]
IP_PUBLIC = [{"allocated_ip_range": None,
              "authorized_networks": [{"expiration_time": None, "name": "anywhere", "value": "0.0.0.0/0"}],
              "enable_private_path_for_google_cloud_services": False, "ipv4_enabled": True, "private_network": None,
              "psc_config": [], "server_ca_mode": "GOOGLE_MANAGED_INTERNAL_CA", "server_ca_pool": None,
              "ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}]
BACKUP_ON = [{"backup_retention_settings": [{"retained_backups": 7, "retention_unit": "COUNT"}], "binary_log_enabled": None,
              "enabled": True, "location": None, "point_in_time_recovery_enabled": True, "start_time": "03:00",
              "transaction_log_retention_days": 7}]
BACKUP_OFF = [{"backup_retention_settings": [{"retained_backups": 7, "retention_unit": "COUNT"}], "binary_log_enabled": None,
               "enabled": False, "location": None, "point_in_time_recovery_enabled": None, "start_time": None,
               "transaction_log_retention_days": None}]
PG_FLAGS = [{"name": "log_connections", "value": "on"}, {"name": "log_disconnections", "value": "on"}]


def cluster(name, **cfg):
    base = {"name": name, "network": NET, "subnetwork": "projects/steadystate-fixture/regions/europe-west1/subnetworks/gke"}
    base.update(cfg)
    return base


def instance(name, metadata, interface, account, shielded=SHIELDED):
    return {"name": name, "machine_type": "e2-small", "zone": "europe-west1-b", "metadata": metadata,
            "boot_disk": BOOT, "network_interface": interface, "service_account": account,
            "shielded_instance_config": shielded}


PRIVATE_NIC = [{"access_config": [], "alias_ip_range": [], "ipv6_access_config": [], "network": NET,
                "nic_type": None, "queue_count": None, "subnetwork": "projects/steadystate-fixture/regions/europe-west1/subnetworks/app"}]
PUBLIC_NIC = [{"access_config": [{"nat_ip": None, "public_ptr_domain_name": None}], "alias_ip_range": [],
               "ipv6_access_config": [], "network": NET, "nic_type": None, "queue_count": None, "subnetwork": None}]

SPEC = {
    "provider": {"name": "google", "full_name": "registry.terraform.io/hashicorp/google", "version": "6.50.0",
                 "config": {"project": "steadystate-fixture", "region": "europe-west1"}},
    "types": {
        "google_compute_firewall": FIREWALL, "google_storage_bucket": BUCKET,
        "google_storage_bucket_iam_member": BUCKET_IAM, "google_storage_bucket_iam_binding": BUCKET_IAM,
        "google_project_iam_member": PROJECT_IAM, "google_project_iam_binding": PROJECT_IAM,
        "google_sql_database_instance": SQL, "google_container_cluster": GKE, "google_container_node_pool": NODE_POOL,
        "google_compute_instance": INSTANCE, "google_compute_project_metadata": PROJECT_METADATA,
        "google_kms_crypto_key": KMS_KEY, "google_compute_project_metadata_item": PROJECT_METADATA,
        "google_storage_bucket_acl": {"defaults": {"default_acl": None}, "unknown": {"id": "scalar", "role_entity": "list"}},
    },
    "resources": [
        # --- firewall ----------------------------------------------------------------------------------
        {"type": "google_compute_firewall", "name": "ssh_world", "config": fw("ssh-world", [("tcp", ["22"])], ["0.0.0.0/0"], direction=None)},
        {"type": "google_compute_firewall", "name": "rdp_world", "config": fw("rdp-world", [("tcp", ["3389"])], ["0.0.0.0/0"])},
        {"type": "google_compute_firewall", "name": "all_world", "config": fw("all-world", [("all", None)], ["0.0.0.0/0", "::/0"]),
         "planned": {"allow": [{"ports": [], "protocol": "all"}]}},
        {"type": "google_compute_firewall", "name": "db_world", "config": fw("db-world", [("tcp", ["5432", "6379"])], ["0.0.0.0/0"])},
        {"type": "google_compute_firewall", "name": "https_world", "config": fw("https-world", [("tcp", ["443"])], ["0.0.0.0/0"], target_tags=["web"])},
        {"type": "google_compute_firewall", "name": "ssh_iap", "config": fw("ssh-iap", [("tcp", ["22", "3389"])], ["35.235.240.0/20"])},
        {"type": "google_compute_firewall", "name": "egress_all", "config": fw("egress-all", [("all", None)], None, direction="EGRESS", destination_ranges=["0.0.0.0/0"]),
         "planned": {"allow": [{"ports": [], "protocol": "all"}]}},
        # --- cloud storage -------------------------------------------------------------------------------
        {"type": "google_storage_bucket", "name": "public_assets",
         "config": {"name": "steadystate-fixture-public-assets", "location": "EU", "uniform_bucket_level_access": False}},
        {"type": "google_storage_bucket", "name": "private_data",
         "config": {"name": "steadystate-fixture-private-data", "location": "EU", "uniform_bucket_level_access": True,
                    "public_access_prevention": "enforced", "versioning": [{"enabled": True}],
                    "logging": [{"log_bucket": "steadystate-fixture-access-logs", "log_object_prefix": None}]}},
        {"type": "google_storage_bucket_iam_member", "name": "public_read",
         "config": {"bucket": "steadystate-fixture-public-assets", "role": "roles/storage.objectViewer", "member": "allUsers"}},
        {"type": "google_storage_bucket_iam_binding", "name": "readers",
         "config": {"bucket": "steadystate-fixture-private-data", "role": "roles/storage.objectViewer",
                    "members": ["group:data-readers@example.com", "serviceAccount:app@steadystate-fixture.iam.gserviceaccount.com"]}},
        # --- cloud sql -----------------------------------------------------------------------------------
        {"type": "google_sql_database_instance", "name": "public",
         "config": {"name": "public-db", "database_version": "POSTGRES_16", "region": "europe-west1", "deletion_protection": False,
                    "settings": sql_settings(IP_PUBLIC, BACKUP_OFF, [])}},
        {"type": "google_sql_database_instance", "name": "private",
         "config": {"name": "private-db", "database_version": "POSTGRES_16", "region": "europe-west1",
                    "settings": sql_settings(IP_PRIVATE, BACKUP_ON, PG_FLAGS)}},
        {"type": "google_sql_database_instance", "name": "mysql_infile",
         "config": {"name": "mysql-db", "database_version": "MYSQL_8_0", "region": "europe-west1",
                    "settings": sql_settings(IP_PRIVATE, BACKUP_ON, [{"name": "local_infile", "value": "on"}])}},
        {"type": "google_sql_database_instance", "name": "sqlserver_chaining",
         "config": {"name": "mssql-db", "database_version": "SQLSERVER_2022_STANDARD", "region": "europe-west1",
                    "root_password": "hunter2-fixture-secret",
                    "settings": sql_settings(IP_PRIVATE, BACKUP_ON, [{"name": "cross db ownership chaining", "value": "on"}])}},
        {"type": "google_storage_bucket_acl", "name": "public_assets",
         "config": {"bucket": "steadystate-fixture-public-assets", "predefined_acl": "publicRead"}},
        # --- gke -----------------------------------------------------------------------------------------
        {"type": "google_container_cluster", "name": "legacy",
         "config": cluster("legacy", enable_legacy_abac=True, enable_shielded_nodes=False, logging_service="none",
                           monitoring_service="none",
                           master_auth=[{"client_certificate_config": [{"issue_client_certificate": True}]}]),
         "planned": {"master_auth": [{"client_certificate_config": [{"issue_client_certificate": True}]}]}},
        {"type": "google_container_cluster", "name": "hardened",
         "config": cluster("hardened", datapath_provider="ADVANCED_DATAPATH",
                           logging_service="logging.googleapis.com/kubernetes",
                           monitoring_service="monitoring.googleapis.com/kubernetes",
                           private_cluster_config=[{"enable_private_endpoint": False, "enable_private_nodes": True,
                                                    "master_global_access_config": [], "master_ipv4_cidr_block": "172.16.0.0/28",
                                                    "private_endpoint_subnetwork": None}],
                           master_authorized_networks_config=[{"cidr_blocks": [{"cidr_block": "10.0.0.0/8", "display_name": "corp"}],
                                                               "gcp_public_cidrs_access_enabled": False,
                                                               "private_endpoint_enforcement_enabled": None}],
                           workload_identity_config=[{"workload_pool": "steadystate-fixture.svc.id.goog"}])},
        {"type": "google_container_cluster", "name": "autopilot",
         "config": cluster("autopilot", enable_autopilot=True,
                           private_cluster_config=[{"enable_private_endpoint": True, "enable_private_nodes": True,
                                                    "master_global_access_config": [], "master_ipv4_cidr_block": None,
                                                    "private_endpoint_subnetwork": None}]),
         "planned": {"enable_shielded_nodes": True}},
        {"type": "google_container_node_pool", "name": "manual_upgrades",
         "config": {"name": "manual", "cluster": "hardened", "node_count": 1,
                    "management": [{"auto_repair": False, "auto_upgrade": False}]},
         "unknown": []},
        {"type": "google_container_node_pool", "name": "managed",
         "config": {"name": "managed", "cluster": "hardened", "node_count": 1,
                    "management": [{"auto_repair": True, "auto_upgrade": True}]}},
        # --- compute -------------------------------------------------------------------------------------
        {"type": "google_compute_instance", "name": "exposed",
         "config": instance("exposed", {"serial-port-enable": "TRUE", "enable-oslogin": "FALSE"}, PUBLIC_NIC,
                            [{"email": None, "scopes": ["cloud-platform"]}],
                            [{"enable_integrity_monitoring": True, "enable_secure_boot": False, "enable_vtpm": False}]),
         "planned": {"service_account": [{"scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}},
        {"type": "google_compute_instance", "name": "private",
         "config": instance("private", {"block-project-ssh-keys": "true"}, PRIVATE_NIC,
                            [{"email": "app@steadystate-fixture.iam.gserviceaccount.com", "scopes": ["cloud-platform"]}]),
         "planned": {"service_account": [{"email": "app@steadystate-fixture.iam.gserviceaccount.com",
                                          "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}},
        {"type": "google_compute_project_metadata", "name": "default",
         "config": {"metadata": {"enable-oslogin": "TRUE"}}},
        {"type": "google_compute_project_metadata_item", "name": "oslogin_off",
         "config": {"project": "steadystate-fixture-legacy", "key": "enable-oslogin", "value": "FALSE"}},
        # --- kms and iam ---------------------------------------------------------------------------------
        {"type": "google_kms_crypto_key", "name": "yearly",
         "config": {"name": "yearly", "key_ring": "projects/steadystate-fixture/locations/europe/keyRings/main",
                    "rotation_period": "31536000s"},
         "planned": {"purpose": "ENCRYPT_DECRYPT"}},
        {"type": "google_kms_crypto_key", "name": "quarterly",
         "config": {"name": "quarterly", "key_ring": "projects/steadystate-fixture/locations/europe/keyRings/main",
                    "rotation_period": "7776000s"},
         "planned": {"purpose": "ENCRYPT_DECRYPT"}},
        {"type": "google_project_iam_member", "name": "owner",
         "config": {"project": "steadystate-fixture", "role": "roles/owner", "member": "user:alice@example.com"}},
        {"type": "google_project_iam_binding", "name": "public_viewer",
         "config": {"project": "steadystate-fixture", "role": "roles/viewer", "members": ["allAuthenticatedUsers"]}},
        {"type": "google_project_iam_member", "name": "deployer",
         "config": {"project": "steadystate-fixture", "role": "roles/run.developer",
                    "member": "serviceAccount:deployer@steadystate-fixture.iam.gserviceaccount.com"}},
    ],
}
