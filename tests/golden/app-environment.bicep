metadata description = 'Everything the app needs in one resource group.'

@description('The environment\'s short name')
@allowed([
  'dev'
  'prod'
])
param environment string

module identity 'app-identity.bicep' = {
  name: 'identity'
  params: {
    identityName: 'id-app-${environment}'
  }
}

module gateway 'app-gateway.bicep' = {
  name: 'gateway'
  params: {
    serviceName: 'apim-app-${environment}'
  }
}

output gatewayUrl string = gateway.outputs.gatewayUrl

output identityClientId string = identity.outputs.clientId
