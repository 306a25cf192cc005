metadata description = 'Sets a custom proxy domain, with its certificate from Key Vault, on an API Management service that already exists (what the seed\'s linked template did).'

@description('The email address of the owner of the service')
@minLength(1)
param publisherEmail string

@description('The name of the owner of the service')
@minLength(1)
param publisherName string

@description('The pricing tier of this API Management service')
@allowed([
  'Developer'
  'Standard'
  'Premium'
])
param sku string

@description('The instance size of this API Management service.')
param skuCount int

@description('Proxy Custom hostname.')
param proxyCustomHostname1 string

@description('Reference to the KeyVault certificate.')
param keyVaultIdToCertificate string

resource apim 'Microsoft.ApiManagement/service@2017-03-01' = {
  name: 'apiservice${uniqueString(resourceGroup().id)}'
  location: resourceGroup().location
  sku: {
    name: sku
    capacity: skuCount
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
        hostName: proxyCustomHostname1
        keyVaultId: keyVaultIdToCertificate
      }
    ]
  }
}
