"""Resources of the shaped Azure plan (azurerm provider 4.55.0): one offender and one compliant counterpart
per rule family. `defaults` are what the provider plans for unset arguments (schema defaults and nulls);
`unknown` are computed attributes, absent from planned values until apply."""

RG = "steadystate-fixture"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
LOC = "westeurope"

NSR = {"defaults": {"description": None, "destination_address_prefixes": None, "destination_application_security_group_ids": None,
                    "destination_port_ranges": None, "source_address_prefixes": None, "source_application_security_group_ids": None,
                    "source_port_ranges": None, "timeouts": None, "resource_group_name": RG},
       "unknown": {"id": "scalar"}}
NSG = {"defaults": {"tags": None, "timeouts": None, "location": LOC, "resource_group_name": RG}, "unknown": {"id": "scalar"}}
STORAGE = {
    "schema_version": 4,
    "defaults": {"access_tier": "Hot", "account_kind": "StorageV2", "allow_nested_items_to_be_public": True,
                 "allowed_copy_scope": None, "azure_files_authentication": [], "cross_tenant_replication_enabled": False,
                 "custom_domain": [], "customer_managed_key": [], "default_to_oauth_authentication": False,
                 "dns_endpoint_type": "Standard", "edge_zone": None, "https_traffic_only_enabled": True, "identity": [],
                 "immutability_policy": [], "infrastructure_encryption_enabled": False, "is_hns_enabled": False,
                 "local_user_enabled": True, "location": LOC, "min_tls_version": "TLS1_2", "nfsv3_enabled": False,
                 "provisioned_billing_model_version": None, "public_network_access_enabled": True,
                 "queue_encryption_key_type": "Service", "resource_group_name": RG, "routing": [], "sas_policy": [],
                 "sftp_enabled": False, "shared_access_key_enabled": True, "static_website": [],
                 "table_encryption_key_type": "Service", "tags": None, "timeouts": None},
    "unknown": {"blob_properties": "list", "id": "scalar", "large_file_share_enabled": "scalar", "network_rules": "list",
                "primary_access_key": "scalar", "primary_blob_endpoint": "scalar", "primary_connection_string": "scalar",
                "queue_properties": "list", "secondary_access_key": "scalar", "share_properties": "list"},
    "sensitive": ["primary_access_key", "primary_connection_string", "secondary_access_key"],
}
CONTAINER = {"schema_version": 1, "defaults": {"default_encryption_scope": None, "encryption_scope_override_enabled": True,
                                                "metadata": None, "storage_account_name": None, "timeouts": None},
             "unknown": {"has_immutability_policy": "scalar", "has_legal_hold": "scalar", "id": "scalar",
                         "resource_manager_id": "scalar"}}
MSSQL = {
    "defaults": {"administrator_login_password_wo": None, "administrator_login_password_wo_version": None,
                 "azuread_administrator": [], "connection_policy": "Default", "express_vulnerability_assessment_enabled": False,
                 "identity": [], "location": LOC, "minimum_tls_version": "1.2", "outbound_network_restriction_enabled": False,
                 "primary_user_assigned_identity_id": None, "public_network_access_enabled": True, "resource_group_name": RG,
                 "tags": None, "timeouts": None, "transparent_data_encryption_key_vault_key_id": None},
    "unknown": {"fully_qualified_domain_name": "scalar", "id": "scalar", "restorable_dropped_database_ids": "list"},
    "sensitive": ["administrator_login_password"],
}
FW = {"defaults": {"timeouts": None}, "unknown": {"id": "scalar"}}
AUDIT = {"defaults": {"audit_actions_and_groups": None, "log_monitoring_enabled": True, "predicate_expression": None,
                      "storage_account_access_key": None, "storage_account_access_key_is_secondary": False,
                      "storage_account_subscription_id": None, "storage_endpoint": None, "timeouts": None},
         "unknown": {"id": "scalar"}, "sensitive": ["storage_account_access_key"]}
ALERT = {"defaults": {"email_account_admins": False, "email_addresses": None, "resource_group_name": RG, "retention_days": 0,
                      "storage_account_access_key": None, "storage_endpoint": None, "timeouts": None},
         "unknown": {"id": "scalar"}, "sensitive": ["storage_account_access_key"]}
KV = {
    "schema_version": 2,
    "defaults": {"contact": [], "enable_rbac_authorization": None, "enabled_for_deployment": False,
                 "enabled_for_disk_encryption": False, "enabled_for_template_deployment": False, "location": LOC,
                 "public_network_access_enabled": True, "purge_protection_enabled": False, "rbac_authorization_enabled": None,
                 "resource_group_name": RG, "soft_delete_retention_days": 90, "tags": None, "timeouts": None},
    "unknown": {"access_policy": "list", "id": "scalar", "network_acls": "list", "vault_uri": "scalar"},
}
KV_KEY = {"schema_version": 1, "defaults": {"curve": None, "expiration_date": None, "not_before_date": None,
                                            "rotation_policy": [], "tags": None, "timeouts": None},
          "unknown": {"e": "scalar", "id": "scalar", "n": "scalar", "public_key_openssh": "scalar", "public_key_pem": "scalar",
                      "resource_id": "scalar", "resource_versionless_id": "scalar", "version": "scalar",
                      "versionless_id": "scalar", "x": "scalar", "y": "scalar"}}
AKS = {
    "schema_version": 2,
    "defaults": {"aci_connector_linux": [], "automatic_upgrade_channel": None, "azure_active_directory_role_based_access_control": [],
                 "azure_policy_enabled": None, "confidential_computing": [], "cost_analysis_enabled": None,
                 "custom_ca_trust_certificates_base64": None, "disk_encryption_set_id": None, "edge_zone": None,
                 "http_application_routing_enabled": None, "image_cleaner_enabled": None, "image_cleaner_interval_hours": 48,
                 "local_account_disabled": False, "location": LOC, "maintenance_window": [], "private_cluster_enabled": False,
                 "private_cluster_public_fqdn_enabled": False, "resource_group_name": RG,
                 "role_based_access_control_enabled": True, "run_command_enabled": True, "sku_tier": "Free", "tags": None,
                 "timeouts": None, "workload_identity_enabled": False},
    "unknown": {"api_server_access_profile": "list", "fqdn": "scalar", "id": "scalar", "kube_admin_config": "list",
                "kube_admin_config_raw": "scalar", "kube_config": "list", "kube_config_raw": "scalar",
                "kubernetes_version": "scalar", "network_profile": "list", "node_resource_group": "scalar",
                "oidc_issuer_url": "scalar", "portal_fqdn": "scalar", "private_fqdn": "scalar"},
    "sensitive": ["kube_admin_config", "kube_admin_config_raw", "kube_config", "kube_config_raw"],
}
LINUX_VM = {
    "defaults": {"additional_capabilities": [], "admin_password": None, "allow_extension_operations": True,
                 "availability_set_id": None, "boot_diagnostics": [], "bypass_platform_safety_checks_on_user_schedule_enabled": False,
                 "capacity_reservation_group_id": None, "custom_data": None, "dedicated_host_group_id": None,
                 "dedicated_host_id": None, "disk_controller_type": None, "edge_zone": None, "encryption_at_host_enabled": None,
                 "eviction_policy": None, "extensions_time_budget": "PT1H30M", "gallery_application": [], "identity": [],
                 "license_type": None, "location": LOC, "max_bid_price": -1, "patch_assessment_mode": "ImageDefault",
                 "patch_mode": "ImageDefault", "plan": [], "platform_fault_domain": -1, "priority": "Regular",
                 "provision_vm_agent": True, "proximity_placement_group_id": None, "reboot_setting": None,
                 "resource_group_name": RG, "secret": [], "secure_boot_enabled": None, "size": "Standard_B2s",
                 "source_image_id": None, "tags": None, "termination_notification": [], "timeouts": None, "user_data": None,
                 "virtual_machine_scale_set_id": None, "vtpm_enabled": None, "zone": None},
    "unknown": {"computer_name": "scalar", "id": "scalar", "private_ip_address": "scalar", "private_ip_addresses": "list",
                "public_ip_address": "scalar", "public_ip_addresses": "list", "virtual_machine_id": "scalar",
                "vm_agent_platform_updates_enabled": "scalar"},
    "sensitive": ["admin_password", "custom_data"],
}
ROLE = {"defaults": {"condition": None, "condition_version": None, "delegated_managed_identity_resource_id": None,
                     "description": None, "timeouts": None},
        "unknown": {"id": "scalar", "name": "scalar", "principal_type": "scalar", "role_definition_id": "scalar",
                    "role_definition_name": "scalar", "skip_service_principal_aad_check": "scalar"}}
WEB_APP = {
    "schema_version": 1,
    "defaults": {"app_settings": None, "auth_settings": [], "auth_settings_v2": [], "backup": [], "client_affinity_enabled": False,
                 "client_certificate_enabled": False, "client_certificate_exclusion_paths": None,
                 "client_certificate_mode": "Required", "connection_string": [], "enabled": True,
                 "ftp_publish_basic_authentication_enabled": True, "https_only": False, "identity": [],
                 "key_vault_reference_identity_id": None, "location": LOC, "logs": [], "public_network_access_enabled": True,
                 "resource_group_name": RG, "sticky_settings": [], "storage_account": [], "tags": None, "timeouts": None,
                 "virtual_network_backup_restore_enabled": False, "virtual_network_subnet_id": None,
                 "webdeploy_publish_basic_authentication_enabled": True, "zip_deploy_file": None},
    "unknown": {"custom_domain_verification_id": "scalar", "default_hostname": "scalar", "hosting_environment_id": "scalar",
                "id": "scalar", "kind": "scalar", "outbound_ip_address_list": "list", "outbound_ip_addresses": "scalar",
                "possible_outbound_ip_address_list": "list", "possible_outbound_ip_addresses": "scalar",
                "site_credential": "list"},
    "sensitive": ["site_credential"],
}
FLEX_CONF = {"defaults": {"timeouts": None}, "unknown": {"id": "scalar"}}


def nsr(name, port, source, direction="Inbound", access="Allow", protocol="Tcp", priority=100):
    return {"name": name, "priority": priority, "direction": direction, "access": access, "protocol": protocol,
            "source_port_range": "*", "destination_port_range": port, "source_address_prefix": source,
            "destination_address_prefix": "*", "network_security_group_name": "app"}


def inline(name, port, source, priority, direction="Inbound", access="Allow", protocol="Tcp"):
    return {"access": access, "description": "", "destination_address_prefix": "*", "destination_address_prefixes": [],
            "destination_application_security_group_ids": [], "destination_port_range": port,
            "destination_port_ranges": [], "direction": direction, "name": name, "priority": priority,
            "protocol": protocol, "source_address_prefix": source, "source_address_prefixes": [],
            "source_application_security_group_ids": [], "source_port_range": "*", "source_port_ranges": []}


def storage(name, **cfg):
    base = {"name": name, "resource_group_name": RG, "location": LOC, "account_tier": "Standard",
            "account_replication_type": "GRS"}
    base.update(cfg)
    return base


def site(**cfg):
    block = {"always_on": True, "api_definition_url": None, "api_management_api_id": None, "app_command_line": None,
             "application_stack": [], "auto_heal_setting": [], "container_registry_managed_identity_client_id": None,
             "container_registry_use_managed_identity": False, "cors": [], "default_documents": None,
             "ftps_state": "Disabled", "health_check_eviction_time_in_min": None, "health_check_path": None,
             "http2_enabled": False, "ip_restriction": [], "ip_restriction_default_action": "Allow",
             "load_balancing_mode": "LeastRequests", "local_mysql_enabled": False, "managed_pipeline_mode": "Integrated",
             "minimum_tls_version": "1.2", "remote_debugging_enabled": False, "remote_debugging_version": None,
             "scm_ip_restriction": [], "scm_ip_restriction_default_action": "Allow", "scm_minimum_tls_version": "1.2",
             "scm_use_main_ip_restriction": False, "use_32_bit_worker": True, "vnet_route_all_enabled": False,
             "websockets_enabled": False}
    block.update(cfg)
    return [block]


OS_DISK = [{"caching": "ReadWrite", "diff_disk_settings": [], "disk_encryption_set_id": None, "disk_size_gb": None,
            "name": None, "secure_vm_disk_encryption_set_id": None, "security_encryption_type": None,
            "storage_account_type": "Premium_LRS", "write_accelerator_enabled": False}]
IMAGE = [{"offer": "ubuntu-24_04-lts", "publisher": "Canonical", "sku": "server", "version": "latest"}]


def vm(name, **cfg):
    base = {"name": name, "resource_group_name": RG, "location": LOC, "size": "Standard_B2s", "admin_username": "azureuser",
            "network_interface_ids": [f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Network/networkInterfaces/{name}"],
            "os_disk": OS_DISK, "source_image_reference": IMAGE}
    base.update(cfg)
    return base


SPEC = {
    "provider": {"name": "azurerm", "full_name": "registry.terraform.io/hashicorp/azurerm", "version": "4.55.0",
                 "config": {"features": [{}], "subscription_id": "00000000-0000-0000-0000-000000000000",
                            "resource_provider_registrations": "none"}},
    "types": {
        "azurerm_network_security_rule": NSR, "azurerm_network_security_group": NSG, "azurerm_storage_account": STORAGE,
        "azurerm_storage_container": CONTAINER, "azurerm_mssql_server": MSSQL, "azurerm_mssql_firewall_rule": FW,
        "azurerm_postgresql_flexible_server_firewall_rule": FW,
        "azurerm_mssql_server_extended_auditing_policy": AUDIT, "azurerm_mssql_server_security_alert_policy": ALERT,
        "azurerm_key_vault": KV, "azurerm_key_vault_key": KV_KEY, "azurerm_kubernetes_cluster": AKS,
        "azurerm_linux_virtual_machine": LINUX_VM, "azurerm_role_assignment": ROLE, "azurerm_linux_web_app": WEB_APP,
        "azurerm_postgresql_flexible_server_configuration": FLEX_CONF, "azurerm_mysql_flexible_server_configuration": FLEX_CONF,
        "azurerm_storage_account_network_rules": {"defaults": {"ip_rules": None, "private_link_access": [], "timeouts": None,
                                                               "virtual_network_subnet_ids": None}, "unknown": {"bypass": "list", "id": "scalar"}},
        "azurerm_key_vault_secret": {"defaults": {"content_type": None, "not_before_date": None, "tags": None, "timeouts": None,
                                                  "value_wo": None, "value_wo_version": None, "expiration_date": None},
                                     "unknown": {"id": "scalar", "resource_id": "scalar", "resource_versionless_id": "scalar",
                                                 "version": "scalar", "versionless_id": "scalar"},
                                     "sensitive": ["value"]},
    },
    "resources": [
        # --- network security ----------------------------------------------------------------------------
        {"type": "azurerm_network_security_rule", "name": "ssh_any", "config": nsr("ssh-any", "22", "*")},
        {"type": "azurerm_network_security_rule", "name": "rdp_internet", "config": nsr("rdp-internet", "3389", "Internet", priority=110)},
        {"type": "azurerm_network_security_rule", "name": "ssh_bastion", "config": nsr("ssh-bastion", "22", "10.0.250.0/26", priority=120)},
        {"type": "azurerm_network_security_rule", "name": "deny_all", "config": nsr("deny-all", "*", "*", access="Deny", protocol="*", priority=4000)},
        {"type": "azurerm_network_security_group", "name": "web",
         "config": {"name": "web", "location": LOC, "resource_group_name": RG,
                    "security_rule": [inline("https", "443", "Internet", 100), inline("everything", "*", "0.0.0.0/0", 200, protocol="*"),
                                      inline("sql", "1433", "*", 300), inline("egress", "*", "*", 100, direction="Outbound", protocol="*")]}},
        {"type": "azurerm_network_security_group", "name": "internal",
         "config": {"name": "internal", "location": LOC, "resource_group_name": RG,
                    "security_rule": [inline("vnet-ssh", "22", "VirtualNetwork", 100), inline("lb", "443", "AzureLoadBalancer", 110)]}},
        # --- storage -------------------------------------------------------------------------------------
        {"type": "azurerm_storage_account", "name": "legacy",
         "config": storage("ssfixturelegacy", https_traffic_only_enabled=False, min_tls_version="TLS1_0")},
        {"type": "azurerm_storage_account", "name": "locked",
         "config": storage("ssfixturelocked", allow_nested_items_to_be_public=False, public_network_access_enabled=False,
                           infrastructure_encryption_enabled=True,
                           network_rules=[{"bypass": ["AzureServices"], "default_action": "Deny", "ip_rules": [],
                                           "private_link_access": [], "virtual_network_subnet_ids": []}])},
        {"type": "azurerm_storage_container", "name": "public",
         "config": {"name": "public", "storage_account_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Storage/storageAccounts/ssfixturelegacy",
                    "container_access_type": "blob"}},
        {"type": "azurerm_storage_container", "name": "private",
         "config": {"name": "private", "storage_account_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Storage/storageAccounts/ssfixturelocked",
                    "container_access_type": "private"}},
        {"type": "azurerm_storage_account_network_rules", "name": "legacy",
         "config": {"storage_account_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Storage/storageAccounts/ssfixturelegacy",
                    "default_action": "Allow"}},
        # --- sql ---------------------------------------------------------------------------------------
        {"type": "azurerm_mssql_server", "name": "main",
         "config": {"name": "ss-fixture-sql", "resource_group_name": RG, "location": LOC, "version": "12.0",
                    "administrator_login": "sqladmin", "administrator_login_password": "hunter2-fixture-secret",
                    "minimum_tls_version": "1.0"}},
        {"type": "azurerm_mssql_server", "name": "private",
         "config": {"name": "ss-fixture-sql-private", "resource_group_name": RG, "location": LOC, "version": "12.0",
                    "administrator_login": "sqladmin", "administrator_login_password": "hunter2-fixture-secret",
                    "public_network_access_enabled": False}},
        {"type": "azurerm_mssql_firewall_rule", "name": "everyone",
         "config": {"name": "everyone", "server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Sql/servers/ss-fixture-sql",
                    "start_ip_address": "0.0.0.0", "end_ip_address": "255.255.255.255"}},
        {"type": "azurerm_mssql_firewall_rule", "name": "azure_services",
         "config": {"name": "AllowAllWindowsAzureIps", "server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Sql/servers/ss-fixture-sql",
                    "start_ip_address": "0.0.0.0", "end_ip_address": "0.0.0.0"}},
        {"type": "azurerm_postgresql_flexible_server_firewall_rule", "name": "office",
         "config": {"name": "office", "server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg",
                    "start_ip_address": "203.0.113.10", "end_ip_address": "203.0.113.20"}},
        {"type": "azurerm_mssql_server_extended_auditing_policy", "name": "short",
         "config": {"server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Sql/servers/ss-fixture-sql", "enabled": True,
                    "retention_in_days": 30}},
        {"type": "azurerm_mssql_server_extended_auditing_policy", "name": "kept",
         "config": {"server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Sql/servers/ss-fixture-sql-private",
                    "enabled": True, "retention_in_days": 180}},
        {"type": "azurerm_mssql_server_security_alert_policy", "name": "off",
         "config": {"resource_group_name": RG, "server_name": "ss-fixture-sql", "state": "Disabled", "disabled_alerts": None}},
        {"type": "azurerm_mssql_server_security_alert_policy", "name": "on",
         "config": {"resource_group_name": RG, "server_name": "ss-fixture-sql-private", "state": "Enabled", "disabled_alerts": []}},
        # --- key vault -----------------------------------------------------------------------------------
        {"type": "azurerm_key_vault", "name": "open",
         "config": {"name": "ss-fixture-open", "location": LOC, "resource_group_name": RG, "sku_name": "standard",
                    "tenant_id": "11111111-1111-1111-1111-111111111111"}},
        {"type": "azurerm_key_vault", "name": "locked",
         "config": {"name": "ss-fixture-locked", "location": LOC, "resource_group_name": RG, "sku_name": "premium",
                    "tenant_id": "11111111-1111-1111-1111-111111111111", "purge_protection_enabled": True,
                    "network_acls": [{"bypass": "AzureServices", "default_action": "Deny", "ip_rules": None,
                                      "virtual_network_subnet_ids": None}]}},
        {"type": "azurerm_key_vault_key", "name": "forever",
         "config": {"name": "forever", "key_vault_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.KeyVault/vaults/ss-fixture-locked",
                    "key_type": "RSA", "key_size": 2048, "key_opts": ["decrypt", "encrypt"]}},
        {"type": "azurerm_key_vault_key", "name": "rotated",
         "config": {"name": "rotated", "key_vault_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.KeyVault/vaults/ss-fixture-locked",
                    "key_type": "RSA", "key_size": 2048, "key_opts": ["decrypt", "encrypt"],
                    "expiration_date": "2027-06-30T00:00:00Z"}},
        {"type": "azurerm_key_vault_secret", "name": "db_password",
         "config": {"name": "db-password", "value": "hunter2-fixture-secret",
                    "key_vault_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.KeyVault/vaults/ss-fixture-locked"}},
        # --- aks -----------------------------------------------------------------------------------------
        {"type": "azurerm_kubernetes_cluster", "name": "default",
         "config": {"name": "aks-default", "location": LOC, "resource_group_name": RG, "dns_prefix": "aksdefault",
                    "role_based_access_control_enabled": False,
                    "default_node_pool": [{"name": "system", "node_count": 1, "vm_size": "Standard_D2s_v5"}],
                    "identity": [{"type": "SystemAssigned", "identity_ids": None}]}},
        {"type": "azurerm_kubernetes_cluster", "name": "private",
         "config": {"name": "aks-private", "location": LOC, "resource_group_name": RG, "dns_prefix": "aksprivate",
                    "private_cluster_enabled": True, "local_account_disabled": True,
                    "default_node_pool": [{"name": "system", "node_count": 1, "vm_size": "Standard_D2s_v5"}],
                    "identity": [{"type": "SystemAssigned", "identity_ids": None}],
                    "azure_active_directory_role_based_access_control": [{"admin_group_object_ids": None, "azure_rbac_enabled": True,
                                                                          "tenant_id": None}],
                    "network_profile": [{"network_plugin": "azure", "network_policy": "cilium", "network_data_plane": "cilium",
                                         "network_plugin_mode": "overlay"}]}},
        # --- virtual machines ----------------------------------------------------------------------------
        {"type": "azurerm_linux_virtual_machine", "name": "password",
         "config": vm("vm-password", admin_password="hunter2-fixture-secret", disable_password_authentication=False),
         "planned": {"admin_ssh_key": []}},
        {"type": "azurerm_linux_virtual_machine", "name": "keys",
         "config": vm("vm-keys", encryption_at_host_enabled=True,
                      admin_ssh_key=[{"username": "azureuser", "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixture fixture"}]),
         "planned": {"disable_password_authentication": True}},
        # --- role assignments ----------------------------------------------------------------------------
        {"type": "azurerm_role_assignment", "name": "owner_subscription",
         "config": {"scope": SUB, "role_definition_name": "Owner", "principal_id": "22222222-2222-2222-2222-222222222222"}},
        {"type": "azurerm_role_assignment", "name": "contributor_rg",
         "config": {"scope": f"{SUB}/resourceGroups/{RG}",
                    "role_definition_id": f"{SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
                    "principal_id": "33333333-3333-3333-3333-333333333333"}},
        {"type": "azurerm_role_assignment", "name": "reader_subscription",
         "config": {"scope": SUB, "role_definition_name": "Reader", "principal_id": "44444444-4444-4444-4444-444444444444"}},
        # --- app service ---------------------------------------------------------------------------------
        {"type": "azurerm_linux_web_app", "name": "legacy",
         "config": {"name": "ss-fixture-legacy", "location": LOC, "resource_group_name": RG,
                    "service_plan_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Web/serverFarms/plan",
                    "site_config": site(minimum_tls_version="1.0", ftps_state="AllAllowed")}},
        {"type": "azurerm_linux_web_app", "name": "modern",
         "config": {"name": "ss-fixture-modern", "location": LOC, "resource_group_name": RG, "https_only": True,
                    "service_plan_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.Web/serverFarms/plan",
                    "site_config": site()}},
        # --- postgresql flexible server parameters -------------------------------------------------------
        {"type": "azurerm_postgresql_flexible_server_configuration", "name": "no_tls",
         "config": {"name": "require_secure_transport", "value": "off",
                    "server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg"}},
        {"type": "azurerm_postgresql_flexible_server_configuration", "name": "log_connections",
         "config": {"name": "log_connections", "value": "on",
                    "server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg"}},
        {"type": "azurerm_mysql_flexible_server_configuration", "name": "no_tls",
         "config": {"name": "require_secure_transport", "value": "OFF",
                    "server_id": f"{SUB}/resourceGroups/{RG}/providers/Microsoft.DBforMySQL/flexibleServers/mysql"}},
    ],
}
