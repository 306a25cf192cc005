metadata description = 'A user-assigned identity for the app.'

@description('The identity\'s name')
@minLength(3)
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: resourceGroup().location
}

output principalId string = identity.properties.principalId

output clientId string = identity.properties.clientId
