using './every-parameter-kind.bicep'

param name = 'contoso'
param quoted = 'it\'s \${not} interpolated\\ \n'
param units = 3
param enabled = false
param tags = {
  env: 'prod'
  'cost-center': 42
  nested: {
    list: [
      1
      'two'
      null
    ]
  }
}
param zones = [
  '1'
  '3'
]
param empty = []
param password = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg-platform', 'kv-contoso', 'password')
param apiKey = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg-platform', 'kv-contoso', 'api-key', '4387e9f3d6e14c459867679a90fd0f79')
