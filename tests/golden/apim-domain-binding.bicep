metadata description = 'Binds a custom proxy domain to an API Management service that exists; its system-assigned identity reads the certificate from Key Vault.'

@description('The API Management service')
param serviceName string

@description('The email address of the owner of the service')
param publisherEmail string

@description('The name of the owner of the service')
param publisherName string

@description('The vault that holds the certificate')
param keyVaultName string

@description('The certificate\'s name in the vault')
param certificateName string

@description('The custom proxy host name')
param hostName string

@description('The template that deploys this one gives the service\'s identity access.')
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource certificate 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: certificateName
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: serviceName
  location: resourceGroup().location
  sku: {
    name: 'Developer'
    capacity: 1
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
    hostnameConfigurations: [
      {
        type: 'Proxy'
        hostName: hostName
        certificateSource: 'KeyVault'
        keyVaultId: certificate.properties.secretUri
      }
    ]
  }
}
