// The webpack configuration every Node app of the workspace builds with.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * @param {string} projectDir the project's folder (`__dirname` of its webpack.config.js)
 * @param {string} outputPath the bundle's folder, relative to the workspace root
 * @param {object[]} [plugins] extra webpack plugins
 */
module.exports = function nodeAppConfig(projectDir, outputPath, plugins = []) {
  return {
    output: {
      path: join(__dirname, '../..', outputPath),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: join(projectDir, 'src/main.ts'),
        tsConfig: join(projectDir, 'tsconfig.app.json'),
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
      ...plugins,
    ],
  };
};

/**
 * Packages published as ES modules only (@garmin/fitsdk): bundled into the app instead of required at run
 * time, since the output is CommonJS.
 * @param {string[]} names
 */
module.exports.bundleEsmOnly = function bundleEsmOnly(names) {
  return {
    apply(compiler) {
      const externals = [].concat(compiler.options.externals ?? []);
      compiler.options.externals = [
        ({ request }, callback) => (names.some((name) => request?.startsWith(name)) ? callback(null, false) : callback()),
        ...externals,
      ];
    },
  };
};
