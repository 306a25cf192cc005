using './apim-with-identity.bicep'

param serviceName = 'contoso-apim'
param publisherName = 'Contoso Ltd'
param sku = 'Premium'
param skuCount = 2
