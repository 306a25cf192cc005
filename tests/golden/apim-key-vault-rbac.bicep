metadata description = 'API Management whose custom domain certificate comes from Key Vault, read with a user-assigned identity granted Key Vault Secrets User.'

@description('The name of the API Management service')
@minLength(1)
@maxLength(50)
param serviceName string

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

@description('The instance size of this API Management service')
@minValue(1)
param skuCount int = 1

@description('Where to deploy')
param location string = resourceGroup().location

@description('The Key Vault that holds the certificate; it uses RBAC authorization')
param keyVaultName string

@description('The name of the certificate in the vault')
param certificateName string

@description('The custom host name of the gateway, e.g. api.contoso.com')
param proxyHostname string

@description('The identity API Management reads Key Vault with')
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${serviceName}-identity'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource certificate 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: certificateName
}

@description('Lets the identity read the certificate (Key Vault Secrets User by default)')
resource identityReadsVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: serviceName
  location: location
  sku: {
    name: sku
    capacity: skuCount
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
    hostnameConfigurations: [
      {
        type: 'Proxy'
        hostName: proxyHostname
        certificateSource: 'KeyVault'
        keyVaultId: certificate.properties.secretUri
        identityClientId: identity.properties.clientId
        defaultSslBinding: true
      }
    ]
  }
  dependsOn: [
    identityReadsVault
  ]
}

output gatewayUrl string = apim.properties.gatewayUrl

output identityPrincipalId string = identity.properties.principalId
