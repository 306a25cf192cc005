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

var apiManagementServiceName = 'apiservice${uniqueString(resourceGroup().id)}'

var apimServiceIdentityResourceId = '${resourceId('Microsoft.ApiManagement/service', apiManagementServiceName)}/providers/Microsoft.ManagedIdentity/Identities/default'

resource apim 'Microsoft.ApiManagement/service@2017-03-01' = {
  name: apiManagementServiceName
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
    type: 'systemAssigned'
  }
}

resource accessPolicy 'Microsoft.KeyVault/vaults/accessPolicies@2015-06-01' = {
  name: '${keyVaultName}/add'
  properties: {
    accessPolicies: [
      {
        tenantId: reference(apimServiceIdentityResourceId, '2015-08-31-PREVIEW').tenantId
        objectId: reference(apimServiceIdentityResourceId, '2015-08-31-PREVIEW').principalId
        permissions: {
          secrets: [
            'get'
          ]
        }
      }
    ]
  }
  dependsOn: [
    apim
  ]
}

resource apimWithKeyVault 'Microsoft.Resources/deployments@2017-05-10' = {
  name: 'apimWithKeyVault'
  properties: {
    mode: 'incremental'
    templateLink: {
      uri: 'https://raw.githubusercontent.com/solankisamir/arm-templates/master/basicapim.keyvault.json'
      contentVersion: '1.0.0.0'
    }
    parameters: {
      publisherEmail: {
        value: publisherEmail
      }
      publisherName: {
        value: publisherName
      }
      sku: {
        value: sku
      }
      skuCount: {
        value: skuCount
      }
      proxyCustomHostname1: {
        value: proxyCustomHostname1
      }
      keyVaultIdToCertificate: {
        value: keyVaultIdToCertificate
      }
    }
  }
  dependsOn: [
    apim
  ]
}
