metadata description = 'API Management with a system-assigned identity, that identity allowed to get secrets from the vault, then the custom domain bound by a module.'

@description('The email address of the owner of the service')
param publisherEmail string

@description('The name of the owner of the service')
param publisherName string = 'Contoso'

@description('The vault that holds the certificate')
param keyVaultName string

@description('The certificate\'s name in the vault')
param certificateName string

@description('The custom proxy host name')
param hostName string

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: 'apiservice${uniqueString(resourceGroup().id)}'
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
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

@description('API Management\'s identity may get secrets (its certificate) from the vault.')
resource accessPolicy 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01' = {
  parent: vault
  name: 'add'
  properties: {
    accessPolicies: [
      {
        tenantId: apim.identity.tenantId
        objectId: apim.identity.principalId
        permissions: {
          secrets: [
            'get'
          ]
        }
      }
    ]
  }
}

@description('The custom domain is bound once the identity can read the certificate.')
module bindDomain 'apim-domain-binding.bicep' = {
  name: 'bindDomain'
  params: {
    serviceName: apim.name
    publisherEmail: publisherEmail
    publisherName: publisherName
    keyVaultName: vault.name
    certificateName: certificateName
    hostName: hostName
  }
  dependsOn: [
    accessPolicy
  ]
}
