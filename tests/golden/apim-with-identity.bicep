@description('The name of the api management service')
@minLength(1)
param serviceName string

@description('The email address of the owner of the service')
@minLength(1)
param publisherEmail string = 'admin@contoso.com'

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

resource apim 'Microsoft.ApiManagement/service@2017-03-01' = {
  name: serviceName
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
