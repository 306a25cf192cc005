metadata description = 'A custom domain whose certificate a platform team\'s identity reads from the platform team\'s vault: the team has given the access already.'

@description('The custom proxy host name')
param hostName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'platform-apim-identity'
}

@description('The platform team gives `platform-apim-identity` "Key Vault Secrets User".')
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'platform-kv'
}

resource certificate 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: 'apim-proxy'
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: 'apiservice${uniqueString(resourceGroup().id)}'
  location: resourceGroup().location
  sku: {
    name: 'Developer'
    capacity: 1
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    publisherEmail: 'admin@contoso.com'
    publisherName: 'Contoso'
    hostnameConfigurations: [
      {
        type: 'Proxy'
        hostName: hostName
        certificateSource: 'KeyVault'
        keyVaultId: certificate.properties.secretUri
        identityClientId: identity.properties.clientId
      }
    ]
  }
}
