export { ReadScope } from './read-scope.decorator';
