// The WebGL node program for sigma: one program draws circles, squares, diamonds, triangles and hexagons, the shape given per node.
import { NodeProgram, type ProgramInfo } from 'sigma/rendering';
import type { NodeDisplayData, RenderParams } from 'sigma/types';
import { floatColor } from 'sigma/utils';
import type { Shape } from '../../core/graph/style';

const { UNSIGNED_BYTE, FLOAT } = WebGLRenderingContext;
const UNIFORMS = ['u_sizeRatio', 'u_correctionRatio', 'u_matrix'] as const;

/** The quad around a node reaches this many radii out, enough for the diamond's and triangle's points. */
const QUAD_EXTENT = 1.45;

const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_shape;
attribute vec2 a_corner;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;
varying float v_shape;

const float bias = 255.0 / 254.0;

void main() {
  // Same radius as sigma's circle program, so sizes mean the same thing for every shape.
  float radius = a_size * u_correctionRatio / u_sizeRatio * 2.0;
  vec2 offset = a_corner * radius * ${QUAD_EXTENT.toFixed(2)};
  gl_Position = vec4((u_matrix * vec3(a_position + offset, 1)).xy, 0, 1);
  v_offset = offset;
  v_radius = radius;
  v_shape = a_shape;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

/** Signed distance to the shape's edge in radius units (negative inside); areas are roughly equal to the circle's. */
const DISTANCE: Record<Shape, string> = {
  circle: 'length(p) - 1.0',
  square: 'max(abs(p.x), abs(p.y)) - 0.89',
  diamond: 'abs(p.x) + abs(p.y) - 1.3',
  triangle: 'max(abs(p.x) * 0.866 + (p.y + 0.25) * 0.5, -(p.y + 0.25)) - 0.62',
  hexagon: 'max(abs(p.x) * 0.866 + abs(p.y) * 0.5, abs(p.y)) - 0.95',
};

/** The shapes in the order of their numbers in `a_shape`: DISTANCE's keys, which its type makes every shape. */
const SHAPES = Object.keys(DISTANCE) as Shape[];

/** Each shape's number, as the program reads it from a node's display data (`shape`). */
export const SHAPE_NUMBER = Object.fromEntries(SHAPES.map((shape, index) => [shape, index])) as Readonly<Record<Shape, number>>;

/** Display data as this program reads it: sigma's, plus the node's shape number. */
export type ShapedNodeDisplayData = NodeDisplayData & { shape?: number };

// The number is the same at all six corners, so the interpolated v_shape is whole give or take rounding: compare at halves.
const FRAGMENT_SHADER = /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;
varying float v_shape;

uniform float u_correctionRatio;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

float edgeDistance(vec2 p) {
${SHAPES.map((shape, index) => `  if (v_shape < ${index}.5) return ${DISTANCE[shape]};`).join('\n')}
  return ${DISTANCE.circle};
}

void main(void) {
  vec2 p = v_offset / v_radius;
  float d = edgeDistance(p) * v_radius;
  float border = u_correctionRatio * 2.0;
  #ifdef PICKING_MODE
  gl_FragColor = d > 0.0 ? transparent : v_color;
  #else
  float t = clamp((d + border) / border, 0.0, 1.0);
  gl_FragColor = mix(v_color, transparent, t);
  #endif
}
`;

type Uniform = (typeof UNIFORMS)[number];

/**
 * One program for every shape rather than one per shape: sigma compiles each program it is given, with a picking
 * twin and a hover copy, on every page, and through SwiftShader each compile costs the GPU process tens of
 * milliseconds.
 */
export class ShapeNodeProgram extends NodeProgram<Uniform> {
  getDefinition() {
    return {
      VERTICES: 6,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: WebGLRenderingContext.TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: 'a_position', size: 2, type: FLOAT },
        { name: 'a_size', size: 1, type: FLOAT },
        { name: 'a_shape', size: 1, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
      ],
      CONSTANT_ATTRIBUTES: [{ name: 'a_corner', size: 2, type: FLOAT }],
      CONSTANT_DATA: [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, -1],
        [1, 1],
        [-1, 1],
      ],
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: ShapedNodeDisplayData): void {
    const array = this.array;
    array[startIndex++] = data.x;
    array[startIndex++] = data.y;
    array[startIndex++] = data.size;
    array[startIndex++] = data.shape ?? SHAPE_NUMBER.circle;
    array[startIndex++] = floatColor(data.color);
    array[startIndex] = nodeIndex;
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: ProgramInfo): void {
    gl.uniform1f(uniformLocations.u_correctionRatio as WebGLUniformLocation, params.correctionRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio as WebGLUniformLocation, params.sizeRatio);
    gl.uniformMatrix3fv(uniformLocations.u_matrix as WebGLUniformLocation, false, params.matrix);
  }
}
