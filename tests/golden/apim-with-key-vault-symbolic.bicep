@description('The email address of the owner of the service')
@minLength(1)
param publisherEmail string

@description('The name of the owner of the service')
@minLength(1)
param publisherName string = 'Contoso'

@description('The pricing tier of this API Management service')
@allowed([
  'Developer'
  'Standard'
  'Premium'
])
param sku string = 'Developer'

@description('The instance size of this API Management service.')
param skuCount int = 1

@description('Name of the vault')
param keyVaultName string

@description('Proxy Custom hostname.')
param proxyCustomHostname1 string

@description('Reference to the KeyVault certificate.')
param keyVaultIdToCertificate string

resource apim 'Microsoft.ApiManagement/service@2017-03-01' = {
  name: 'apiservice${uniqueString(resourceGroup().id)}'
  location: resourceGroup().location
  tags: {}
  sku: {
    name: sku
    capacity: skuCount
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
  identity: {
    type: 'SystemAssigned'
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

@description('The custom domain is set once the identity can read the certificate.')
module apimWithKeyVault 'apim-custom-domain.bicep' = {
  name: 'apimWithKeyVault'
  params: {
    publisherEmail: publisherEmail
    publisherName: publisherName
    sku: sku
    skuCount: skuCount
    proxyCustomHostname1: proxyCustomHostname1
    keyVaultIdToCertificate: keyVaultIdToCertificate
  }
  dependsOn: [
    accessPolicy
  ]
}

output principalId string = apim.identity.principalId
