import Core

/// The Azure security pack (`azure-…`): every rule of every Azure family, in catalog order.
///
/// Reads planned values of the azurerm provider; each family file says which provider major versions'
/// shapes it reads (azurerm 2.x to 4.x) and what an unset attribute means for it.
enum AzureRules {
    static let all: [Rule] =
        AzureNetworkRules.rules + AzureStorageRules.all + AzureSQLRules.all + AzureKeyVaultRules.all
        + AzureAKSRules.all + AzureComputeRules.all + AzureIAMRules.all + AzureAppServiceRules.all
        + AzureDatabaseServerRules.all
}
