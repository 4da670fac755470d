const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/** Packages published as ES modules only: bundle them, since the output is CommonJS. */
const BUNDLED = ['@garmin/fitsdk'];

class BundleEsmOnlyPackages {
  apply(compiler) {
    const externals = [].concat(compiler.options.externals ?? []);
    compiler.options.externals = [
      ({ request }, callback) => (BUNDLED.some((name) => request?.startsWith(name)) ? callback(null, false) : callback()),
      ...externals,
    ];
  }
}

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/garmin-sim'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
    new BundleEsmOnlyPackages(),
  ],
};
